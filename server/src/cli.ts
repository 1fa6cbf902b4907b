import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type IstioSettings } from '../../shared/src/protocol';
import { formatResults, isFormat, type CliResult, type Format } from './cli/format/index';
import { collectFiles, megabytes, readYamlFile } from './cli/files';
import { checkFiles, defaultJobs, PARALLEL_THRESHOLD, type FileInput } from './cli/workers';
import { IstioService } from './service/index';
import { findSchemasDir } from './service/schema/catalog';
import { crossResourcePhase } from './service/workspace/analyze';
import { clusterSource, connectForCli, splitClusterArgs } from './cli/cluster';
import type { ResourceSource } from './service/workspace/resolver';

const USAGE = `Usage: istio-lint [--format text|json|sarif|github] [options] PATH...

Validates Istio resources in YAML files against Istio's schemas, CRD rules and webhook rules.
A PATH is a file or a folder; folders are searched recursively for *.yaml and *.yml.
All PATHs form one workspace: references between resources in different files are checked.

Options:
  --format F       text (default), json, sarif (SARIF 2.1.0) or github (workflow-command annotations)
  --namespace NS   namespace of resources that name none (default: default)
  --base DIR       folder that sarif and github paths are relative to (default: the current folder)
  --max-file-size MB  skip files larger than this (default ${DEFAULT_SETTINGS.validation.maxFileSizeMB})
  --jobs N         threads for the per-file checks (default: up to the number of cores from
                   ${PARALLEL_THRESHOLD} files on, otherwise 1)
  --context NAME   also read this kubeconfig context's cluster (without --context or --kubeconfig,
                   no cluster is read); an unreachable cluster or refused credentials exit 2
  --kubeconfig F   the kubeconfig file to read

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O failure.`;

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'] as const;

const schemasDir = (): string => findSchemasDir(__dirname);

/** A Kubernetes namespace name: an RFC 1123 label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** With --context or --kubeconfig, connects to the cluster first (server/src/cli/cluster.ts). */
export async function main(
  argv: string[],
  write: (s: string) => void,
  writeErr: (s: string) => void,
): Promise<number> {
  const split = splitClusterArgs(argv);
  if (split.error) {
    writeErr(`istio-lint: ${split.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (!split.options || argv.includes('--help') || argv.includes('-h'))
    return lintFiles(argv, write, writeErr);
  const { code, connection } = await connectForCli(split.options, writeErr);
  if (code) return code;
  try {
    return await lintFiles(split.rest, write, writeErr, clusterSource(connection));
  } finally {
    await connection.stop();
  }
}

async function lintFiles(
  argv: string[],
  write: (s: string) => void,
  writeErr: (s: string) => void,
  source?: ResourceSource,
): Promise<number> {
  let format: Format = 'text';
  let namespace: string | undefined;
  let base = process.cwd();
  let jobs: number | undefined;
  let maxFileSizeMB = DEFAULT_SETTINGS.validation.maxFileSizeMB;
  const paths: string[] = [];
  const usage = (message: string): number => {
    writeErr(`istio-lint: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      write(USAGE + '\n');
      return 0;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!isFormat(v)) return usage(`--format must be text, json, sarif or github, not '${v ?? ''}'`);
      format = v;
    } else if (a === '--namespace' || a.startsWith('--namespace=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v || !NAMESPACE.test(v))
        return usage(`--namespace must be a namespace name (RFC 1123 label), not '${v ?? ''}'`);
      namespace = v;
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v || !/^[1-9][0-9]{0,2}$/.test(v))
        return usage(`--jobs must be a whole number from 1 to 999, not '${v ?? ''}'`);
      jobs = Number(v);
    } else if (a === '--max-file-size' || a.startsWith('--max-file-size=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const mb = Number(v);
      if (!v || !Number.isFinite(mb) || mb <= 0)
        return usage(`--max-file-size takes a positive number of megabytes, not '${v ?? ''}'`);
      maxFileSizeMB = mb;
    } else if (a === '--base' || a.startsWith('--base=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) return usage('--base needs a folder');
      base = resolve(v);
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
  try {
    if (!statSync(base).isDirectory()) return usage(`--base ${base} is not a folder`);
  } catch {
    return usage(`--base ${base} does not exist`);
  }
  const log = (m: string): void => writeErr(`${m}\n`);
  const service = new IstioService({ schemasDir: schemasDir(), log });
  // The cluster read with --context: the files override its copies of the same resources.
  if (source) service.workspace.addSource(source);
  const settings: IstioSettings = {
    ...DEFAULT_SETTINGS,
    validation: { ...DEFAULT_SETTINGS.validation, maxFileSizeMB },
    workspace: { defaultNamespace: namespace ?? 'default', exclude: [] },
  };
  const atStart: Diagnostic['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const early: CliResult[] = [];
  // A path that cannot be read is a finding of its own; the run carries on, and exits 2.
  const ioFailure = (file: string, message: string): void => {
    writeErr(`istio-lint: ${file}: ${message}\n`);
    early.push({ file, range: atStart, severity: 'error', code: 'io-error', message });
  };
  for (const f of failures) ioFailure(f.path, f.message);
  const maxBytes = maxFileSizeMB * 1024 * 1024;
  const inputs: (FileInput & { file: string })[] = [];
  for (const file of files) {
    const read = readYamlFile(file, maxBytes);
    if (!read.ok) {
      if (!read.tooLarge) {
        ioFailure(file, read.message);
        continue;
      }
      early.push({
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
  // Cross-resource checks need every file: one pass in this thread, before the per-file checks.
  let cross = new Map<string, Diagnostic[]>();
  try {
    cross = crossResourcePhase(service, inputs, settings);
  } catch (err) {
    log(`istio-lint: cross-resource checks failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const f of inputs) f.cross = cross.get(f.uri);
  const perFile = await checkFiles(inputs, {
    jobs: jobs ?? defaultJobs(inputs.length),
    schemasDir: schemasDir(),
    settings,
    service,
    log,
  });
  const results: CliResult[] = [...early, ...inputs.flatMap((f, i) => perFile[i].map((d) => toResult(f, d)))];
  results.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
  const out = formatResults(format, results, {
    base,
    filesChecked: files.length,
    ioFailure: early.some((r) => r.code === 'io-error'),
    explain: (code) => service.explain(code),
    codeLink: (code) => service.codeLink(code),
  });
  write(out.stdout);
  if (out.stderr) writeErr(out.stderr);
  if (early.some((r) => r.code === 'io-error')) return 2;
  return results.some((r) => r.severity === 'error') ? 1 : 0;
}

/** A diagnostic as the CLI reports it; related locations in this file keep the name the file was given. */
function toResult(f: { file: string; uri: string }, d: Diagnostic): CliResult {
  const where = (uri: string): string =>
    uri === f.uri ? f.file : uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const r: CliResult = {
    file: f.file,
    range: d.range,
    severity: SEVERITY[d.severity ?? 1] || 'error',
    code: String(d.code ?? ''),
    message: d.message,
  };
  if (d.codeDescription?.href) r.helpUri = d.codeDescription.href;
  if (d.relatedInformation?.length) {
    r.related = d.relatedInformation.map((ri) => ({
      file: where(ri.location.uri),
      range: ri.location.range,
      message: ri.message,
    }));
  }
  return r;
}

// The same script runs the CLI's worker threads (cli/workers.ts); only the main thread runs the CLI.
if (require.main === module && isMainThread) {
  void main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`istio-lint: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
