// Writes docs/rules.md: every diagnostic code with its severity, kinds and explanation, from the
// engine's own registry. Diagnostics link here through their codeDescription.
//   node --import tsx scripts/generate-rule-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_EXPLANATIONS } from '../server/src/service/checks/explanations';
import { ALL_RULES } from '../server/src/service/rules/index';

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
    lines.push(`### ${r.code}`, '', `**${r.title}** · ${r.severity} · ${r.kinds.join(', ')}`, '', r.explanation.trim(), '');
  }
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
