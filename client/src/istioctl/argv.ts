/**
 * Argument vectors for every istioctl and kubectl call the extension makes, and the checks on what a
 * person types into them. Pure; no `vscode` import. Processes always get these arrays (never a shell
 * string), so nothing here needs shell quoting except `formatCommandLine`, which is for display only.
 */

export { PROFILES } from '../../../shared/src/profiles';

/** Keys of an IstioOperator `spec`; istioctl rejects any other key. */
export const SPEC_KEYS: readonly string[] = [
  'profile',
  'installPackagePath',
  'hub',
  'tag',
  'namespace',
  'revision',
  'compatibilityVersion',
  'meshConfig',
  'components',
  'values',
  'unvalidatedValues',
];

export const COMPONENT_KEYS: readonly string[] = [
  'base',
  'pilot',
  'cni',
  'ztunnel',
  'istiodRemote',
  'ingressGateways',
  'egressGateways',
  'gateway',
];

/** What the install and manifest-generate pickers collected. */
export interface InstallChoices {
  /** A built-in profile, sent as `--set profile=<p>`; undefined keeps the file's (or the default) profile. */
  profile?: string;
  /** An IstioOperator file, sent as `-f`. */
  operatorFile?: string;
  /** A control plane revision, sent as `--revision`. */
  revision?: string;
  /** `path=value` entries, each sent as `--set`. */
  sets: readonly string[];
}

function installInputs(ch: InstallChoices): string[] {
  const args: string[] = [];
  if (ch.operatorFile) args.push('-f', ch.operatorFile);
  if (ch.profile) args.push('--set', `profile=${ch.profile}`);
  if (ch.revision) args.push('--revision', ch.revision);
  for (const s of ch.sets) args.push('--set', s);
  return args;
}

/** `istioctl install -y … --context CTX`. `-y` is required: without a TTY the prompt reads EOF and exits 1. */
export function installArgs(ch: InstallChoices, context: string): string[] {
  return ['install', '-y', ...installInputs(ch), '--context', context];
}

/** `istioctl manifest generate …`: renders offline (no `--cluster-specific`). */
export function manifestGenerateArgs(ch: InstallChoices): string[] {
  return ['manifest', 'generate', ...installInputs(ch)];
}

export interface InjectFiles {
  injectConfigFile?: string;
  meshConfigFile?: string;
  valuesFile?: string;
}

/** `istioctl kube-inject -f FILE` plus the offline inputs that are configured. */
export function kubeInjectArgs(file: string, files: InjectFiles): string[] {
  const args = ['kube-inject', '-f', file];
  if (files.injectConfigFile) args.push('--injectConfigFile', files.injectConfigFile);
  if (files.meshConfigFile) args.push('--meshConfigFile', files.meshConfigFile);
  if (files.valuesFile) args.push('--valuesFile', files.valuesFile);
  return args;
}

export type AnalyzeScope =
  { kind: 'files'; files: readonly string[] } | { kind: 'namespace'; namespace: string } | { kind: 'all' };

/**
 * `istioctl analyze … -o json`. Files are analysed without the cluster and across all namespaces
 * (otherwise messages outside `default` are dropped); a namespace or `-A` analyses the live cluster.
 */
export function analyzeArgs(scope: AnalyzeScope, meshConfigFile?: string): string[] {
  const args = ['analyze'];
  if (scope.kind === 'files') args.push('--use-kube=false', '-A');
  else if (scope.kind === 'namespace') args.push('-n', scope.namespace);
  else args.push('-A');
  args.push('-o', 'json');
  if (meshConfigFile) args.push('--meshConfigFile', meshConfigFile);
  if (scope.kind === 'files') args.push(...scope.files);
  return args;
}

export const VERSION_ARGS = ['version', '--remote=false', '-o', 'json'];
export const PROXY_STATUS_ARGS = ['proxy-status'];

export const PROXY_CONFIG_TYPES = ['cluster', 'listener', 'route', 'endpoint', 'secret'] as const;
export type ProxyConfigType = (typeof PROXY_CONFIG_TYPES)[number];

/** `istioctl proxy-config <type> <pod>.<namespace> -o json`. */
export function proxyConfigArgs(type: ProxyConfigType, pod: string): string[] {
  return ['proxy-config', type, pod, '-o', 'json'];
}

export const CURRENT_CONTEXT_ARGS = ['config', 'current-context'];
export const GET_NAMESPACES_ARGS = ['get', 'namespaces', '-o', 'json'];
export const GET_PODS_ARGS = ['get', 'pods', '-A', '-o', 'json'];

/** `kubectl label namespace NS KEY=VALUE [OTHER-]… --overwrite --context CTX`. */
export function labelNamespaceArgs(
  namespace: string,
  key: string,
  value: string,
  remove: readonly string[],
  context: string,
): string[] {
  return [
    'label',
    'namespace',
    namespace,
    `${key}=${value}`,
    ...remove.map((k) => `${k}-`),
    '--overwrite',
    '--context',
    context,
  ];
}

export function rolloutRestartArgs(namespace: string, context: string): string[] {
  return ['rollout', 'restart', 'deployment', '-n', namespace, '--context', context];
}

export function applyArgs(file: string, context: string): string[] {
  return ['apply', '-f', file, '--context', context];
}

/** `kubectl apply -f -`: applies the YAML given on stdin (one resource of a file, not the whole file). */
export function applyStdinArgs(context: string): string[] {
  return ['apply', '-f', '-', '--context', context];
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks a revision name. Returns an error message, or undefined when it is fine (empty means none). */
export function validateRevision(rev: string): string | undefined {
  if (rev === '') return undefined;
  if (rev.length > 63) return 'A revision is at most 63 characters long.';
  if (!DNS1123_LABEL.test(rev)) {
    return 'A revision must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit (for example 1-30-3 or canary).';
  }
  return undefined;
}

/** `default` counts as no revision for istioctl. */
export function normalizeRevision(rev: string): string | undefined {
  const r = rev.trim();
  return r === '' || r === 'default' ? undefined : r;
}

/** Splits a `--set` path at dots that are not escaped as `\.`. */
export function splitSetPath(path: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '\\' && path[i + 1] === '.') {
      cur += '.';
      i++;
    } else if (ch === '.') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function suggest(name: string, known: readonly string[]): string {
  const hit = known.find((k) => k.toLowerCase() === name.toLowerCase());
  return hit ? ` Did you mean "${hit}"?` : '';
}

/**
 * Checks one `--set` entry as istioctl reads it (ISTIOCTL.md §1): `path=value` split on `=` into exactly
 * two parts, the path relative to the IstioOperator spec. Returns an error message, or undefined.
 */
export function validateSetEntry(entry: string): string | undefined {
  if (entry.trim() !== entry) return 'Remove the spaces around the entry.';
  const parts = entry.split('=');
  if (parts.length === 1) return 'Write path=value, for example components.cni.enabled=true.';
  if (parts.length > 2) {
    return 'istioctl cannot take a value that contains "=": it would read the whole entry as a path with an empty value.';
  }
  const [path, value] = parts;
  if (path === '') return 'The path before "=" is empty.';
  if (/\s/.test(path)) return 'The path cannot contain spaces.';
  const segments = splitSetPath(path);
  if (segments[0] === 'spec' && segments.length > 1) {
    return `Paths are relative to spec: write ${path.slice('spec.'.length)}=${value}.`;
  }
  if (segments.some((s) => s === ''))
    return 'The path has an empty segment (two dots in a row, or a dot at an end).';
  for (const s of segments) {
    if (s.startsWith('[') && !/^\[(?:\d+|[^:\]]*:[^\]]*)\]$/.test(s)) {
      return `"${s}" is not a list selector: use [0] (an index) or [key:value].`;
    }
  }
  const top = segments[0];
  if (!SPEC_KEYS.includes(top)) {
    return `"${top}" is not a field of the IstioOperator spec (${SPEC_KEYS.join(', ')}).${suggest(top, SPEC_KEYS)}`;
  }
  if (top === 'components' && segments.length > 1 && !COMPONENT_KEYS.includes(segments[1])) {
    return `"${segments[1]}" is not a component (${COMPONENT_KEYS.join(', ')}).${suggest(segments[1], COMPONENT_KEYS)}`;
  }
  if (segments.length === 1 && top === 'revision') return validateRevision(value);
  if (segments.length === 1 && top === 'profile' && value === '') return 'The profile name is empty.';
  return undefined;
}

/** Quotes one argument for display in a POSIX shell style; the process itself never sees this. */
export function quoteArg(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line for people to read (confirmation dialogs, the output channel). */
export function formatCommandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map(quoteArg).join(' ');
}
