/**
 * Quick fixes for a route subset with no DestinationRule subset: add the subset to the
 * DestinationRule Istio picks for the host, or, when there is none, create one with the subsets the
 * routes to that host use. Subset labels come from a workload behind the host's Service that carries
 * the subset name as a label value (`version: v2` for subset v2); otherwise a `version` placeholder
 * is written and the title says the labels must be filled in.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { DestinationRef } from '../../rules/workspace/refs';
import { describe, destinations } from '../../rules/workspace/refs';
import { FixBuilder } from '../../fixes/edits';
import { locate } from '../../yaml/nodes';
import { serviceOfHost } from '../resolve';
import type { Resolver } from '../resolver';
import type { Resource } from '../summary';
import type { WorkspaceIndex } from '../workspaceIndex';
import { boundRules, EditSet, fileRange, type EditOptions } from './places';

export interface WorkspaceFix {
  title: string;
  edit: EditSet;
  preferred?: boolean;
}

interface SubsetLabels {
  labels: Record<string, string>;
  /** The workload the labels were taken from; absent when they are a placeholder. */
  from?: Resource;
}

/** Prefer the conventional `version` label, then `app.kubernetes.io/version`, then any other. */
const KEY_ORDER = ['version', 'app.kubernetes.io/version'];

/** Labels for a subset of `host`, from the workloads its Service selects. */
export function subsetLabels(r: Resolver, client: string, host: string, subset: string): SubsetLabels {
  const svcs = r.services(host, client);
  if (svcs.status === 'found')
    for (const svc of svcs.targets) {
      const selector = svc.service?.selector;
      if (svc.kind !== 'Service' || !selector || !Object.keys(selector).length) continue;
      const ws = r.workloads(svc.namespace, selector);
      if (ws.status !== 'found') continue;
      for (const w of ws.targets) {
        const keys = Object.keys(w.workload?.labels ?? {}).filter(
          (k) => w.workload?.labels[k] === subset && !(k in selector),
        );
        keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
        if (keys.length) return { labels: { [keys[0]]: subset }, from: w };
      }
    }
  return { labels: { version: subset } };
}

function rank(key: string): number {
  const i = KEY_ORDER.indexOf(key);
  return i === -1 ? KEY_ORDER.length : i;
}

function labelNote(l: SubsetLabels): string {
  const text = Object.entries(l.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return l.from
    ? `labels ${text} from ${describe(l.from)}`
    : `no workload in the workspace has a label "${Object.values(l.labels)[0]}": fill in its labels`;
}

const PLACEHOLDER = '  # fill in the labels of this subset';

/** A subset as block YAML lines, starting with `name:` (no indentation, no dash). */
function subsetBlock(name: string, l: SubsetLabels): string[] {
  return [
    `name: ${name}`,
    'labels:',
    ...Object.entries(l.labels).map(([k, v], i) => `  ${k}: ${v}${!l.from && i === 0 ? PLACEHOLDER : ''}`),
  ];
}

function subsetFlow(name: string, l: SubsetLabels): string {
  const labels = Object.entries(l.labels)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return `{name: ${name}, labels: {${labels}}}`;
}

/** Adds a subset to a DestinationRule: appended to its subsets list, or a new `subsets:` field. */
export function addSubset(
  r: Resolver,
  vs: Resource,
  d: DestinationRef,
  subset: string,
): WorkspaceFix | undefined {
  const chosen = boundRules(r, vs, d);
  const dr = chosen?.rules.find((x) => x.placed);
  if (!chosen || !dr?.placed) return undefined;
  const labels = subsetLabels(r, vs.namespace, r.fqdn(d.host, vs.namespace), subset);
  const title = `Add subset "${subset}" to ${describe(dr)} (${labelNote(labels)})`;
  const parsed = dr.placed.state.parsed;
  const text = parsed.text;
  const node = locate(parsed.doc.contents, ['spec', 'subsets'])?.node;
  const edits = new EditSet();
  let at: number;
  let insert: string;
  if (isSeq(node) && node.flow && node.range) {
    const close = text.lastIndexOf(']', node.range[1]);
    if (close < node.range[0]) return undefined;
    at = close;
    while (at > node.range[0] + 1 && /\s/.test(text[at - 1])) at--;
    insert = `${node.items.length ? ', ' : ''}${subsetFlow(subset, labels)}`;
  } else if (isSeq(node) && node.items.length) {
    const last = node.items[node.items.length - 1] as Node | null;
    if (!last?.range) return undefined;
    const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
    const prefix = text.slice(lineStart, last.range[0]);
    if (!/^\s*-\s+$/.test(prefix)) return undefined;
    let end = last.range[1];
    while (end > last.range[0] && /\s/.test(text[end - 1])) end--;
    const nl = text.indexOf('\n', end);
    at = nl === -1 ? text.length : nl + 1;
    const pad = ' '.repeat(prefix.length);
    const lines = subsetBlock(subset, labels);
    insert =
      (nl === -1 ? '\n' : '') + [prefix + lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n') + '\n';
  } else if (node === undefined) {
    const spec = locate(parsed.doc.contents, ['spec'])?.node;
    if (!isMap(spec)) return undefined;
    const fix = new FixBuilder(parsed).insertField(
      ['spec'],
      'subsets',
      subsetBlock(subset, labels)
        .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
        .join('\n'),
      title,
    );
    const e = fix?.edits[0];
    if (!e) return undefined;
    edits.add(dr.uri, fileRange(dr, e.range.start, e.range.end), e.newText);
    return { title, edit: edits, preferred: !!labels.from };
  } else return undefined;
  edits.add(dr.uri, fileRange(dr, at, at), insert);
  return { title, edit: edits, preferred: !!labels.from };
}

/** A DNS-1123 name for a new DestinationRule of `host`, not taken in the namespace. */
function ruleName(r: Resolver, host: string, namespace: string): string {
  const base =
    (serviceOfHost(host, r.domain)?.name ?? host.split('.')[0])
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'destination';
  const taken = new Set(
    r
      .resources('DestinationRule')
      .filter((x) => x.namespace === namespace)
      .map((x) => x.name),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Creates a DestinationRule for the host of a route, in the VirtualService's namespace, with every
 * subset that the routes of that namespace use for the host. A new file beside the VirtualService
 * when the client can create files, otherwise a new document at the end of its file.
 */
export function createDestinationRule(
  index: WorkspaceIndex,
  r: Resolver,
  vs: Resource,
  d: DestinationRef,
  options: EditOptions,
): WorkspaceFix | undefined {
  if (boundRules(r, vs, d)) return undefined;
  const host = r.fqdn(d.host, vs.namespace);
  const subsets: string[] = [];
  for (const other of index.resources('VirtualService')) {
    if (other.namespace !== vs.namespace) continue;
    for (const x of destinations(other))
      if (x.subset && r.fqdn(x.host, other.namespace) === host && !subsets.includes(x.subset))
        subsets.push(x.subset);
  }
  if (!subsets.length) return undefined;
  const name = ruleName(r, host, vs.namespace);
  const writeNs = vs.declaredNamespace !== undefined || vs.namespace !== index.defaultNamespace;
  const labels = subsets.map((s) => subsetLabels(r, vs.namespace, host, s));
  const lines = [
    `apiVersion: ${vs.group}/${vs.version}`,
    'kind: DestinationRule',
    'metadata:',
    `  name: ${name}`,
    ...(writeNs ? [`  namespace: ${vs.namespace}`] : []),
    'spec:',
    `  host: ${d.host}`,
    '  subsets:',
    ...subsets.flatMap((s, i) =>
      subsetBlock(s, labels[i]).map((l, j) => (j === 0 ? `  - ${l}` : `    ${l}`)),
    ),
  ];
  const doc = lines.join('\n') + '\n';
  const missing = labels.filter((l) => !l.from).length;
  const what = `DestinationRule ${vs.namespace}/${name} for host "${d.host}" with subsets ${subsets.join(', ')}`;
  const note = missing ? ' (fill in the labels of the subsets no workload has)' : '';
  const edits = new EditSet();
  if (options.createFiles) {
    const dir = vs.uri.slice(0, vs.uri.lastIndexOf('/') + 1);
    let uri = `${dir}${name}-destinationrule.yaml`;
    for (let i = 2; index.has(uri); i++) uri = `${dir}${name}-destinationrule-${i}.yaml`;
    edits.create(uri);
    edits.add(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, doc);
    return { title: `Create ${what} in ${uri.slice(dir.length)}${note}`, edit: edits, preferred: false };
  }
  const file = index.snapshot(vs.uri);
  if (!file) return undefined;
  const end = file.lines().position(file.text.length);
  const sep = file.text.length === 0 || file.text.endsWith('\n') ? '' : '\n';
  edits.add(vs.uri, { start: end, end }, `${sep}---\n${doc}`);
  return { title: `Create ${what} at the end of this file${note}`, edit: edits, preferred: false };
}
