import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../shared/src/protocol';
import { IstioService } from './service/index';
import { findSchemasDir } from './service/schema/catalog';
import { connectForCli, splitClusterArgs } from './cli/cluster';

const USAGE = `Usage: istio-lint [--format text|json] [--context NAME] [--kubeconfig FILE] PATH...

Validates Istio resources in YAML files against Istio's schemas, CRD rules and webhook rules.
A PATH is a file or a folder; folders are searched recursively for *.yaml and *.yml.

--context NAME, --kubeconfig FILE: also read that cluster (without them, no cluster is read);
an unreachable cluster or refused credentials exit 2.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O failure.`;

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'] as const;

interface CliResult {
  file: string;
  range: Diagnostic['range'];
  severity: (typeof SEVERITY)[number];
  code: string;
  message: string;
}

const schemasDir = (): string => findSchemasDir(__dirname);

function collect(path: string, out: string[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (entry === 'node_modules' || entry === '.git') continue;
      const child = join(path, entry);
      const cst = statSync(child);
      if (cst.isDirectory()) collect(child, out);
      else if (/\.ya?ml$/i.test(entry)) out.push(child);
    }
  } else {
    out.push(path);
  }
}

/** With --context or --kubeconfig, connects to the cluster first (server/src/cli/cluster.ts). */
export function main(
  argv: string[],
  write: (s: string) => void,
  writeErr: (s: string) => void,
): number | Promise<number> {
  const split = splitClusterArgs(argv);
  if (split.error) {
    writeErr(`istio-lint: ${split.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (!split.options || argv.includes('--help') || argv.includes('-h'))
    return lintFiles(argv, write, writeErr);
  return connectForCli(split.options, writeErr).then(async ({ code, connection }) => {
    if (code) return code;
    try {
      return lintFiles(split.rest, write, writeErr);
    } finally {
      await connection.stop();
    }
  });
}

function lintFiles(argv: string[], write: (s: string) => void, writeErr: (s: string) => void): number {
  let format: 'text' | 'json' = 'text';
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      write(USAGE + '\n');
      return 0;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') {
        writeErr(`istio-lint: --format must be text or json, not '${v ?? ''}'\n\n${USAGE}\n`);
        return 2;
      }
      format = v;
    } else if (a.startsWith('-') && a !== '-') {
      writeErr(`istio-lint: unknown option '${a}'\n\n${USAGE}\n`);
      return 2;
    } else {
      paths.push(a);
    }
  }
  if (!paths.length) {
    writeErr(`istio-lint: no PATH given\n\n${USAGE}\n`);
    return 2;
  }
  const files: string[] = [];
  try {
    for (const p of paths) collect(p, files);
  } catch (err) {
    writeErr(`istio-lint: ${(err as Error).message}\n`);
    return 2;
  }
  const service = new IstioService({ schemasDir: schemasDir(), log: (m) => writeErr(`${m}\n`) });
  const results: CliResult[] = [];
  let ioFailure = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      writeErr(`istio-lint: cannot read ${file}: ${(err as Error).message}\n`);
      ioFailure = true;
      continue;
    }
    const uri = pathToFileURL(resolve(file)).toString();
    const snapshot = service.snapshot(uri, 1, text);
    for (const d of service.diagnostics(snapshot, DEFAULT_SETTINGS)) {
      results.push({
        file,
        range: d.range,
        severity: SEVERITY[d.severity ?? 1],
        code: String(d.code ?? ''),
        message: d.message,
      });
    }
    service.close(uri);
  }
  results.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
  if (format === 'json') {
    write(JSON.stringify(results, null, 2) + '\n');
  } else {
    for (const r of results) {
      write(
        `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.severity} ${r.code} ${r.message}\n`,
      );
    }
    const errors = results.filter((r) => r.severity === 'error').length;
    writeErr(
      `${files.length} file${files.length === 1 ? '' : 's'} checked, ${errors} error${errors === 1 ? '' : 's'}, ${results.length - errors} other finding${results.length - errors === 1 ? '' : 's'}\n`,
    );
  }
  if (ioFailure) return 2;
  return results.some((r) => r.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  void Promise.resolve(
    main(
      process.argv.slice(2),
      (s) => process.stdout.write(s),
      (s) => process.stderr.write(s),
    ),
  ).then((code) => {
    process.exitCode = code;
  });
}
