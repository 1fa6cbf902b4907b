import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type IstioSettings } from '../../shared/src/protocol';
import { formatResults, isFormat, type CliResult, type Format } from './cli/format/index';
import { checkFiles, defaultJobs, PARALLEL_THRESHOLD, type FileInput } from './cli/workers';
import { IstioService } from './service/index';
import { findSchemasDir } from './service/schema/catalog';

const USAGE = `Usage: istio-lint [--format text|json|sarif|github] [options] PATH...

Validates Istio resources in YAML files against Istio's schemas, CRD rules and webhook rules.
A PATH is a file or a folder; folders are searched recursively for *.yaml and *.yml.

Options:
  --format F       text (default), json, sarif (SARIF 2.1.0) or github (workflow-command annotations)
  --namespace NS   namespace of resources that name none (default: default)
  --base DIR       folder that sarif and github paths are relative to (default: the current folder)
  --jobs N         threads for the per-file checks (default: up to the number of cores from
                   ${PARALLEL_THRESHOLD} files on, otherwise 1)

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O failure.`;

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'] as const;

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

/** A Kubernetes namespace name: an RFC 1123 label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export async function main(
  argv: string[],
  write: (s: string) => void,
  writeErr: (s: string) => void,
): Promise<number> {
  let format: Format = 'text';
  let namespace: string | undefined;
  let base = process.cwd();
  let jobs: number | undefined;
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
  const files: string[] = [];
  try {
    for (const p of paths) collect(p, files);
  } catch (err) {
    writeErr(`istio-lint: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    if (!statSync(base).isDirectory()) return usage(`--base ${base} is not a folder`);
  } catch {
    return usage(`--base ${base} does not exist`);
  }
  const log = (m: string): void => writeErr(`${m}\n`);
  const service = new IstioService({ schemasDir: schemasDir(), log });
  const settings: IstioSettings = namespace
    ? { ...DEFAULT_SETTINGS, workspace: { ...DEFAULT_SETTINGS.workspace, defaultNamespace: namespace } }
    : DEFAULT_SETTINGS;
  const inputs: (FileInput & { file: string })[] = [];
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
    inputs.push({ file, uri: pathToFileURL(resolve(file)).toString(), text });
  }
  const perFile = await checkFiles(inputs, {
    jobs: jobs ?? defaultJobs(inputs.length),
    schemasDir: schemasDir(),
    settings,
    service,
    log,
  });
  const results: CliResult[] = inputs.flatMap((f, i) => perFile[i].map((d) => toResult(f, d)));
  results.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
  const out = formatResults(format, results, {
    base,
    filesChecked: files.length,
    ioFailure,
    explain: (code) => service.explain(code),
    codeLink: (code) => service.codeLink(code),
  });
  write(out.stdout);
  if (out.stderr) writeErr(out.stderr);
  if (ioFailure) return 2;
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
