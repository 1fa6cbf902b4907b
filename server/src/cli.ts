import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../shared/src/protocol';
import { IstioService } from './service/index';
import { findSchemasDir } from './service/schema/catalog';
import { collectFiles, megabytes, readYamlFile } from './cli/files';
import { analyzeWorkspace, type WorkspaceFile } from './service/workspace/analyze';

const USAGE = `Usage: istio-lint [--format text|json] [--namespace NS] PATH...

Validates Istio resources in YAML files against Istio's schemas, CRD rules and webhook rules.
A PATH is a file or a folder; folders are searched recursively for *.yaml and *.yml.
All PATHs form one workspace: references between resources in different files are checked.
--namespace NS is the namespace of resources that state none (default: default).

  --max-file-size MB   skip files larger than this (default ${DEFAULT_SETTINGS.validation.maxFileSizeMB})

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

export function main(argv: string[], write: (s: string) => void, writeErr: (s: string) => void): number {
  let format: 'text' | 'json' = 'text';
  let maxFileSizeMB = DEFAULT_SETTINGS.validation.maxFileSizeMB;
  let namespace = 'default';
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
    } else if (a === '--max-file-size' || a.startsWith('--max-file-size=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const mb = Number(v);
      if (!v || !Number.isFinite(mb) || mb <= 0) {
        writeErr(
          `istio-lint: --max-file-size takes a positive number of megabytes, not '${v ?? ''}'\n\n${USAGE}\n`,
        );
        return 2;
      }
      maxFileSizeMB = mb;
    } else if (a === '--namespace' || a.startsWith('--namespace=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v)) {
        writeErr(`istio-lint: --namespace needs a namespace name, not '${v ?? ''}'\n\n${USAGE}\n`);
        return 2;
      }
      namespace = v;
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
  const { files, failures } = collectFiles(paths);
  const service = new IstioService({ schemasDir: schemasDir(), log: (m) => writeErr(`${m}\n`) });
  const results: CliResult[] = [];
  const atStart: Diagnostic['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  // A path that cannot be read is a finding of its own; the run carries on, and exits 2.
  const ioFailure = (file: string, message: string): void => {
    writeErr(`istio-lint: ${file}: ${message}\n`);
    results.push({ file, range: atStart, severity: 'error', code: 'io-error', message });
  };
  for (const f of failures) ioFailure(f.path, f.message);
  const settings = {
    ...DEFAULT_SETTINGS,
    validation: { ...DEFAULT_SETTINGS.validation, maxFileSizeMB },
    workspace: { defaultNamespace: namespace, exclude: [] },
  };
  const maxBytes = maxFileSizeMB * 1024 * 1024;
  const inputs: (WorkspaceFile & { file: string })[] = [];
  for (const file of files) {
    const read = readYamlFile(file, maxBytes);
    if (!read.ok) {
      if (!read.tooLarge) {
        ioFailure(file, read.message);
        continue;
      }
      results.push({
        file,
        range: atStart,
        severity: 'information',
        code: 'file-too-large',
        message: `skipped: over ${megabytes(maxBytes)} (it is ${megabytes(read.bytes)}); check it with --max-file-size ${Math.ceil(read.bytes / 1048576)}`,
      });
      continue;
    }
    inputs.push({ file, uri: pathToFileURL(resolve(file)).toString(), text: read.text });
  }
  let byUri: Map<string, Diagnostic[]>;
  try {
    byUri = analyzeWorkspace(service, inputs, settings);
  } catch (err) {
    ioFailure(
      paths.join(' '),
      `internal error while checking: ${err instanceof Error ? err.message : String(err)}`,
    );
    byUri = new Map();
  }
  for (const { file, uri } of inputs) {
    for (const d of byUri.get(uri) ?? []) {
      results.push({
        file,
        range: d.range,
        severity: SEVERITY[d.severity ?? 1],
        code: String(d.code ?? ''),
        message: d.message,
      });
    }
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
  if (failures.length || results.some((r) => r.code === 'io-error')) return 2;
  return results.some((r) => r.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
}
