/**
 * Reading the output of istioctl and kubectl: the proxy-status table and `kubectl get … -o json`.
 * Pure; no `vscode` import.
 */

export interface ProxyRow {
  /** `pod.namespace`, as proxy-config takes it. */
  name: string;
  cluster?: string;
  istiod?: string;
  version?: string;
  /** The remaining columns, as printed. */
  detail: string;
}

/**
 * Parses `istioctl proxy-status` table output. Columns are separated by two or more spaces; the first
 * column is NAME (`pod.namespace`). Returns [] for output without the header.
 */
export function parseProxyStatus(stdout: string): ProxyRow[] {
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim() !== '');
  const headerAt = lines.findIndex((l) => /^NAME\s{2,}/.test(l));
  if (headerAt < 0) return [];
  const header = lines[headerAt].split(/\s{2,}/).map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  const rows: ProxyRow[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    const cells = line.trim().split(/\s{2,}/);
    if (!cells[0] || /\s/.test(cells[0])) continue;
    const at = (name: string): string | undefined => {
      const i = col(name);
      return i >= 0 ? cells[i] : undefined;
    };
    rows.push({
      name: cells[0],
      cluster: at('CLUSTER'),
      istiod: at('ISTIOD'),
      version: at('VERSION'),
      detail: cells.slice(1).join('  '),
    });
  }
  return rows;
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  phase?: string;
}

interface KubeList {
  items?: {
    metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
    status?: { phase?: string };
    spec?: unknown;
  }[];
}

function parseList(stdout: string): KubeList {
  const parsed = JSON.parse(stdout) as unknown;
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as KubeList).items)) {
    throw new Error('the output is not a Kubernetes list (no "items")');
  }
  return parsed;
}

/** Parses `kubectl get namespaces -o json`. Throws when the output is not a list. */
export function parseNamespaces(stdout: string): NamespaceInfo[] {
  return (parseList(stdout).items ?? [])
    .filter((i) => typeof i.metadata?.name === 'string')
    .map((i) => ({
      name: String(i.metadata?.name),
      labels: { ...(i.metadata?.labels ?? {}) },
      phase: i.status?.phase,
    }));
}

/** `name.namespace` of every pod in `kubectl get pods -A -o json` that has an istio-proxy container. */
export function parsePodsWithSidecar(stdout: string): string[] {
  const out: string[] = [];
  for (const i of parseList(stdout).items ?? []) {
    const spec = i.spec as
      { containers?: { name?: string }[]; initContainers?: { name?: string }[] } | undefined;
    const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
    if (all.some((c) => c.name === 'istio-proxy') && i.metadata?.name && i.metadata.namespace) {
      out.push(`${i.metadata.name}.${i.metadata.namespace}`);
    }
  }
  return out;
}

export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';

/** The injection labels a namespace has, for display: `istio-injection=enabled`, `istio.io/rev=canary`. */
export function injectionLabels(ns: NamespaceInfo): string[] {
  return [INJECTION_LABEL, REVISION_LABEL].filter((k) => k in ns.labels).map((k) => `${k}=${ns.labels[k]}`);
}
