// Writes docs/rules.md: every diagnostic code with its severity, kinds and explanation, from the
// engine's own registry. Diagnostics link here through their codeDescription.
//   node --import tsx scripts/generate-rule-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_EXPLANATIONS } from '../server/src/service/checks/explanations';
import { ALL_RULES } from '../server/src/service/rules/index';
import { WORKSPACE_RULES } from '../server/src/service/rules/workspace/index';
import { UNRESOLVED_CODE } from '../server/src/service/rules/workspace/rule';
import { IST0170 } from '../server/src/service/cluster/mesh/ist0170';

const out = join(__dirname, '..', 'docs', 'rules.md');

export function render(): string {
  const lines: string[] = [
    '# Diagnostic codes',
    '',
    'Every diagnostic of Istio Authoring has `source: "istio"` and one of these codes. This file is',
    'generated from the engine (`npm run docs:rules`); hovering a diagnostic in the editor shows the same text.',
    '',
    '## Built-in checks',
    '',
  ];
  for (const [code, e] of Object.entries(BUILTIN_EXPLANATIONS)) {
    lines.push(`### ${code}`, '', `**${e.title}**`, '', e.explanation, '');
  }
  lines.push("## Istio's rules", '');
  for (const r of [...ALL_RULES].sort((a, b) => a.code.localeCompare(b.code))) {
    lines.push(
      `### ${r.code}`,
      '',
      `**${r.title}** · ${r.severity} · ${r.kinds.join(', ')}`,
      '',
      r.explanation.trim(),
      '',
    );
  }
  lines.push(
    '## Checks across files',
    '',
    'Cross-resource checks of the workspace index: they read several resources, in any file of the workspace',
    '(and a connected cluster). Several checks can share a code.',
    '',
  );
  const headed = new Set([...Object.keys(BUILTIN_EXPLANATIONS), ...ALL_RULES.map((r) => r.code)]);
  const codes = [...new Set(WORKSPACE_RULES.map((r) => r.code))].sort((a, b) => a.localeCompare(b));
  for (const code of codes) {
    // A code that also has a per-document rule keeps that rule's heading (and anchor) above.
    lines.push(headed.has(code) ? `### ${code} (across files)` : `### ${code}`, '');
    for (const r of WORKSPACE_RULES.filter((x) => x.code === code))
      lines.push(
        `**${r.title}** · ${r.severity} · reads ${r.reads.join(', ')}`,
        '',
        r.explanation.trim(),
        '',
      );
  }
  lines.push(
    `### ${UNRESOLVED_CODE}`,
    '',
    '**A reference whose target is not in the workspace** · `istio.references.unresolved` (default information)',
    '',
    'A host, gateway, subset, namespace or ServiceAccount that no file of the workspace defines, when no connected',
    'cluster can say whether it exists. It is not reported as an error: the target may live elsewhere. Connect a',
    'cluster to check, or set `istio.references.unresolved` to `warning` or `error` for a repository that holds the',
    'whole mesh.',
    '',
    '## Checks across clusters',
    '',
    'Mesh-wide checks over the clusters of `istio.cluster.contexts` (two or more), shown where the workspace declares',
    'the object.',
    '',
    `### ${IST0170.code}`,
    '',
    `**${IST0170.title}** · ${IST0170.severity} · Service`,
    '',
    IST0170.explanation.replace(/\n/g, ' '),
    '',
  );
  return lines.join('\n');
}

if (require.main === module) {
  const text = render();
  if (process.argv.includes('--check')) {
    if (readFileSync(out, 'utf8') !== text) {
      console.error('docs/rules.md is out of date: run npm run docs:rules');
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
  }
}
