/**
 * Completion from the workspace index: subsets, hosts, ports, gateways, namespaces, workload labels
 * and principals, each offered where Istio expects it and in a form valid there. Every value comes
 * from the Resolver (visibility, the DestinationRule that applies, the workloads a selector sees), and
 * every item says where it comes from (`Service reviews · bookinfo/reviews.yaml:3`).
 */
import type { CompletionItem, CompletionItemKind, Position } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import { subsetNames } from '../rules/workspace/refs';
import { list, obj, str, num } from '../rules/shared/values';
import { cursorContext, ITEM, type CursorContext } from '../yaml/cursor';
import { splitLines } from '../yaml/lines';
import { originOf } from './origin';
import { selectorSite, serviceOfDestinationRule } from './referenceSites';
import type { Resolver } from './resolver';
import { serviceHost } from './resolve';
import type { Resource } from './summary';
import { K8S_GATEWAY, kindKey, type WorkspaceIndex } from './workspaceIndex';

/** At most this many items; beyond it the list is marked incomplete, so typing more asks again. */
export const MAX_ITEMS = 500;

const KIND_PROPERTY: CompletionItemKind = 10;
const KIND_VALUE: CompletionItemKind = 12;
const KIND_REFERENCE: CompletionItemKind = 18;
const KIND_MODULE: CompletionItemKind = 9;

export interface IndexCompletions {
  items: CompletionItem[];
  incomplete: boolean;
}

/** The resource being edited, as far as the index (or, while it is incomplete, its text) tells. */
interface Here {
  kind: string;
  group: string;
  namespace: string;
  resource?: Resource;
}

interface Offer {
  label: string;
  /** Where it comes from: `Service reviews · bookinfo/reviews.yaml:3`. */
  detail: string;
  kind?: CompletionItemKind;
  insert?: string;
  documentation?: string;
}

const endsWith = (path: readonly string[], ...tail: string[]): boolean =>
  path.length >= tail.length && tail.every((t, i) => path[path.length - tail.length + i] === t);

const DESTINATION_PARENTS = ['destination', 'mirror'];

/** Completion items from the index at a position; empty where the index has nothing to offer. */
export function indexCompletions(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): IndexCompletions {
  const none = { items: [], incomplete: false };
  const placed = file.documentAtLine(position.line);
  const id = placed?.state.id;
  if (!placed || !id) return none;
  const doc = file.documents.indexOf(placed);
  const resource = index
    .resources(kindKey(id.group, id.kind))
    .find((x) => x.uri === file.uri && x.doc === doc);
  const here: Here = {
    kind: id.kind,
    group: id.group,
    namespace: resource?.namespace ?? (id.namespace || index.defaultNamespace),
    resource,
  };
  const lines = splitLines(placed.chunk.text);
  const line = position.line - placed.chunk.line;
  const ctx = cursorContext(lines, line, position.character);
  const offers = offersAt(index, r, here, ctx, lines, line);
  if (!offers.length) return none;
  const prefix = ctx.prefix.replace(/^["']/, '');
  const start = { line: position.line, character: Math.max(0, position.character - prefix.length) };
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  let incomplete = false;
  for (const o of offers) {
    if (seen.has(o.label)) continue;
    seen.add(o.label);
    if (items.length >= MAX_ITEMS) {
      incomplete = true;
      break;
    }
    items.push({
      label: o.label,
      kind: o.kind ?? KIND_REFERENCE,
      detail: o.detail,
      labelDetails: { description: o.detail },
      documentation: o.documentation ? { kind: 'markdown', value: o.documentation } : undefined,
      sortText: `0_${String(items.length).padStart(4, '0')}`,
      filterText: o.label,
      textEdit: { range: { start, end: position }, newText: o.insert ?? o.label },
    });
  }
  return { items, incomplete };
}

function offersAt(
  index: WorkspaceIndex,
  r: Resolver,
  here: Here,
  ctx: CursorContext,
  lines: string[],
  line: number,
): Offer[] {
  const path = ctx.path;
  const value = ctx.position === 'value';
  const item = ctx.position === 'key' && path[path.length - 1] === ITEM;
  const parent = path[path.length - 1];
  const from = (x: Resource): string => originOf(index, x);

  if (here.kind === 'VirtualService') {
    if (value && DESTINATION_PARENTS.includes(parent)) {
      if (ctx.key === 'host') return hosts(r, here.namespace, false, from);
      if (ctx.key === 'subset') {
        const host = siblingValue(lines, line, ctx.column, 'host');
        return host ? subsets(r, host, here.namespace, from) : [];
      }
    }
    if (
      value &&
      ctx.key === 'number' &&
      parent === 'port' &&
      DESTINATION_PARENTS.includes(path[path.length - 2])
    ) {
      const portLine = parentLine(lines, line, ctx.column);
      const host =
        portLine === undefined ? undefined : siblingValue(lines, portLine.line, portLine.column, 'host');
      return host ? ports(r, host, here.namespace, from) : [];
    }
    if (item && endsWith(path, 'gateways', ITEM))
      return [...gateways(r, from), { label: 'mesh', detail: 'the sidecars of the mesh', kind: KIND_VALUE }];
    if (item && path.length === 3 && endsWith(path, 'spec', 'hosts', ITEM))
      return hosts(r, here.namespace, true, from);
  }
  if (here.kind === 'DestinationRule') {
    if (value && ctx.key === 'host' && path.length === 1 && path[0] === 'spec')
      return hosts(r, here.namespace, true, from);
    if (endsWith(path, 'spec', 'subsets', ITEM, 'labels') && here.resource) {
      const svc = serviceOfDestinationRule(r, here.resource);
      const selector = svc?.service?.selector;
      if (!svc || !selector || !Object.keys(selector).length) return [];
      const pool = r.workloads(svc.namespace, selector);
      return labels(pool.status === 'found' ? pool.targets : [], ctx, from);
    }
  }
  if (
    item &&
    endsWith(path, 'exportTo', ITEM) &&
    ['VirtualService', 'DestinationRule', 'ServiceEntry'].includes(here.kind)
  )
    return [
      { label: '.', detail: 'this namespace only', kind: KIND_VALUE },
      { label: '*', detail: 'every namespace', kind: KIND_VALUE },
      ...namespaces(r, from),
    ];
  if (here.kind === 'AuthorizationPolicy' && item && path[path.length - 3] === 'source') {
    const field = path[path.length - 2];
    if (field === 'namespaces' || field === 'notNamespaces') return namespaces(r, from);
    if (field === 'principals' || field === 'notPrincipals') return principals(r, from);
  }
  const sel = selectorSite(here, r.mesh.rootNamespace);
  if (sel && same(path, sel.path.map(String))) {
    const pool = r.workloads(sel.namespace, {});
    return labels(pool.status === 'found' ? pool.targets : [], ctx, from);
  }
  return [];
}

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Services and ServiceEntries visible from `client`: the short name in the same namespace, and FQDNs. */
function hosts(r: Resolver, client: string, wildcards: boolean, from: (x: Resource) => string): Offer[] {
  const near: Offer[] = [];
  const far: Offer[] = [];
  for (const svc of r.resources('Service')) {
    if (!r.serviceVisible(svc, client)) continue;
    const detail = `Service ${svc.namespace}/${svc.name} · ${from(svc)}`;
    const fqdn = serviceHost(svc.name, svc.namespace, r.domain);
    if (svc.namespace === client) near.push({ label: svc.name, detail }, { label: fqdn, detail });
    else far.push({ label: fqdn, detail });
  }
  for (const se of r.resources('ServiceEntry')) {
    if (!r.serviceEntryVisible(se, client)) continue;
    for (const h of list(se.spec?.hosts)) {
      if (typeof h !== 'string' || (!wildcards && h.includes('*'))) continue;
      (se.namespace === client ? near : far).push({
        label: h,
        detail: `ServiceEntry ${se.namespace}/${se.name} · ${from(se)}`,
      });
    }
  }
  return [...near, ...far];
}

/** The subsets of the DestinationRule Istio applies to `host` for clients in `client`. */
function subsets(r: Resolver, host: string, client: string, from: (x: Resource) => string): Offer[] {
  const chosen = r.destinationRule(r.fqdn(host, client), client);
  return (chosen?.rules ?? []).flatMap((dr) =>
    subsetNames(dr).map((s) => {
      const labels = obj(obj(list(dr.spec?.subsets)[s.index])?.labels);
      const shown = labels
        ? Object.entries(labels)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(', ')
        : '';
      return {
        label: s.name,
        kind: KIND_VALUE,
        detail: `subset of DestinationRule ${dr.namespace}/${dr.name} · ${from(dr)}`,
        documentation: shown ? `Labels: \`${shown}\`` : undefined,
      };
    }),
  );
}

/** The ports of the Services (and ServiceEntries) a destination host names. */
function ports(r: Resolver, host: string, client: string, from: (x: Resource) => string): Offer[] {
  const found = r.services(r.fqdn(host, client), client);
  if (found.status !== 'found') return [];
  return found.targets.flatMap((t) => {
    const owner = `${t.kind} ${t.namespace}/${t.name} · ${from(t)}`;
    const raw =
      t.kind === 'Service'
        ? (t.service?.ports ?? []).map((p) => ({ number: p.port, name: p.name }))
        : list(t.spec?.ports).map((p) => ({ number: num(obj(p)?.number), name: str(obj(p)?.name) }));
    return raw.flatMap((p) =>
      p.number === undefined
        ? []
        : [
            {
              label: String(p.number),
              kind: KIND_VALUE,
              detail: `${p.name ? `port ${p.name} · ` : ''}${owner}`,
            },
          ],
    );
  });
}

/** Istio and Gateway API Gateways, as `namespace/name`. */
function gateways(r: Resolver, from: (x: Resource) => string): Offer[] {
  return [...r.resources('Gateway'), ...r.resources(K8S_GATEWAY)].map((g) => ({
    label: `${g.namespace}/${g.name}`,
    detail: `${g.group === 'networking.istio.io' ? 'Gateway' : 'Gateway API Gateway'} · ${from(g)}`,
  }));
}

/** Namespace objects first, then the namespaces indexed resources live in. */
function namespaces(r: Resolver, from: (x: Resource) => string): Offer[] {
  const out: Offer[] = r
    .resources('Namespace')
    .map((n) => ({ label: n.name, kind: KIND_MODULE, detail: `Namespace · ${from(n)}` }));
  const seen = new Set(out.map((o) => o.label));
  for (const kind of ['Service', 'ServiceAccount', 'Deployment', 'StatefulSet', 'DaemonSet'])
    for (const x of r.resources(kind)) {
      if (seen.has(x.namespace) || !x.namespace) continue;
      seen.add(x.namespace);
      out.push({
        label: x.namespace,
        kind: KIND_MODULE,
        detail: `namespace of ${x.kind} ${x.name} · ${from(x)}`,
      });
    }
  return out;
}

/** Label keys (typing a key) or the values of one key (after `key:`) of a pool of workloads. */
function labels(pool: readonly Resource[], ctx: CursorContext, from: (x: Resource) => string): Offer[] {
  const byKey = new Map<string, Map<string, Resource[]>>();
  for (const w of pool)
    for (const [k, v] of Object.entries(w.workload?.labels ?? {})) {
      let values = byKey.get(k);
      if (!values) byKey.set(k, (values = new Map<string, Resource[]>()));
      const l = values.get(v);
      if (l) l.push(w);
      else values.set(v, [w]);
    }
  const describe = (ws: Resource[]): string =>
    `${ws[0].kind} ${ws[0].namespace}/${ws[0].name} · ${from(ws[0])}${ws.length > 1 ? ` (+${ws.length - 1} more)` : ''}`;
  if (ctx.position === 'value') {
    const values = byKey.get(ctx.key ?? '');
    return [...(values ?? new Map<string, Resource[]>()).entries()].map(([v, ws]) => ({
      label: v,
      kind: KIND_VALUE,
      detail: describe(ws),
    }));
  }
  return [...byKey.entries()]
    .filter(([k]) => !ctx.siblings.has(k))
    .map(([k, values]) => ({
      label: k,
      kind: KIND_PROPERTY,
      insert: `${k}: `,
      detail: describe([...values.values()].flat()),
      documentation: `Values: ${[...values.keys()].map((v) => `\`${v}\``).join(', ')}`,
    }));
}

/** `<trust domain>/ns/<namespace>/sa/<account>` from ServiceAccounts and the workloads' accounts. */
function principals(r: Resolver, from: (x: Resource) => string): Offer[] {
  const td = r.mesh.trustDomain;
  const out: Offer[] = r.resources('ServiceAccount').map((sa) => ({
    label: `${td}/ns/${sa.namespace}/sa/${sa.name}`,
    detail: `ServiceAccount · ${from(sa)}`,
  }));
  const all = r.workloads(undefined, {});
  for (const w of all.status === 'found' ? all.targets : [])
    out.push({
      label: `${td}/ns/${w.namespace}/sa/${w.workload?.serviceAccountName || 'default'}`,
      detail: `account of ${w.kind} ${w.name} · ${from(w)}`,
    });
  return out;
}

interface LineShape {
  column: number;
  key?: string;
  value?: string;
}

function shapeOf(text: string): LineShape | undefined {
  const m = /^( *)((?:- +)*)(["']?)([^"':#\s][^"':#]*?)\3\s*:(?:\s+["']?([^"'\s#]*))?/.exec(text);
  if (m) return { column: m[1].length + m[2].length, key: m[4], value: m[5] };
  const blank = /^\s*(#.*)?$/.test(text);
  return blank ? undefined : { column: /^ */.exec(text)![0].length };
}

/** The value of `key` among the keys at `column` in the block of `line` (above and below it). */
function siblingValue(lines: string[], line: number, column: number, key: string): string | undefined {
  const at = lineOfKey(lines, line, column, key);
  return at ? shapeOf(lines[at.line])?.value || undefined : undefined;
}

/** The line (and key column) of the map that holds the keys at `column` around `line`. */
function parentLine(
  lines: string[],
  line: number,
  column: number,
): { line: number; column: number } | undefined {
  for (let l = line - 1; l >= 0 && l >= line - 50; l--) {
    const s = shapeOf(lines[l]);
    if (s && s.column < column) return s.key === undefined ? undefined : { line: l, column: s.column };
  }
  return undefined;
}

/** The line of `key` among the keys at `column` in the block of `line`, at most 50 lines away. */
function lineOfKey(
  lines: string[],
  line: number,
  column: number,
  key: string,
): { line: number; column: number } | undefined {
  for (const step of [-1, 1]) {
    for (let l = line + step, n = 0; l >= 0 && l < lines.length && n < 50; l += step, n++) {
      const s = shapeOf(lines[l]);
      if (!s) continue;
      if (s.column < column) break;
      // A list item starting at our column: going up, the first line of our own item; going down, the next item.
      const itemStart = /^\s*-/.test(lines[l]) && s.column === column;
      if (itemStart && step > 0) break;
      if (s.column === column && s.key === key) return { line: l, column };
      if (itemStart) break;
    }
  }
  return undefined;
}
