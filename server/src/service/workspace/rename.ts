/**
 * Rename a DestinationRule subset or an Istio Gateway across the workspace, as one edit. The
 * references are the ones Istio binds: a route's subset counts when the DestinationRule the subset
 * check picks for it is the renamed one, and a `gateways` entry counts when the resolver resolves it
 * to the renamed Gateway (whatever form it is written in; each keeps its form). Same-named subsets of
 * other DestinationRules and Gateways of other namespaces are left alone.
 */
import type { Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import type { Position } from 'vscode-languageserver-types';
import { isDns1123Label } from '../rules/shared/hostnames';
import { destinations, describe, gatewayRefs, subsetNames } from '../rules/workspace/refs';
import type { PathSegment } from '../yaml/nodes';
import { boundRules, EditSet, scalarText, valueAt, within, type EditOptions } from './fixes/places';
import type { Resolver } from './resolver';
import type { Resource } from './summary';
import { K8S_GATEWAY, type WorkspaceIndex } from './workspaceIndex';

export type RenameOptions = EditOptions;

type Target =
  | { kind: 'subset'; name: string; entries: { dr: Resource; index: number }[]; range: Range }
  | { kind: 'gateway'; gateway: Resource; range: Range; name: string };

export type Refusal = { error: string };

const WHERE =
  'Rename works on a DestinationRule subset name, a route subset, a Gateway name or a VirtualService gateways entry';

/** Kubernetes object names of a Gateway used in `gateways` entries: a lowercase DNS-1123 label. */
const K8S_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

const sameResource = (a: Resource, b: Resource): boolean => a.uri === b.uri && a.doc === b.doc;
const samePath = (a: readonly PathSegment[], b: readonly PathSegment[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Where the Gateway name is inside a `gateways` entry: after `ns/`, or before `.ns` (legacy forms). */
function nameSpan(ref: string): [number, number] {
  const slash = ref.indexOf('/');
  if (slash !== -1) return [slash + 1, ref.length];
  const dot = ref.indexOf('.');
  return dot !== -1 ? [0, dot] : [0, ref.length];
}

function target(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): Target | Refusal {
  const at = valueAt(index, file, position);
  if (!at) return { error: WHERE };
  const { resource, path, value } = at;
  const range = scalarText(resource, path);
  if (!range)
    return { error: `"${value}" is not a plain or quoted single-line value; it cannot be renamed here` };
  if (
    resource.kind === 'DestinationRule' &&
    path.length === 4 &&
    path[0] === 'spec' &&
    path[1] === 'subsets' &&
    typeof path[2] === 'number' &&
    path[3] === 'name'
  )
    return { kind: 'subset', name: value, entries: [{ dr: resource, index: path[2] }], range };
  if (
    resource.kind === 'Gateway' &&
    resource.group !== 'gateway.networking.k8s.io' &&
    samePath(path, ['metadata', 'name'])
  )
    return { kind: 'gateway', gateway: resource, range, name: value };
  if (resource.kind === 'Gateway' && samePath(path, ['metadata', 'name']))
    return { error: `${value} is a Gateway API Gateway; rename it where its routes are defined` };
  if (resource.kind !== 'VirtualService') return { error: WHERE };
  for (const d of destinations(resource)) {
    if (d.subset === undefined || !samePath(path, [...d.path, 'subset'])) continue;
    const chosen = boundRules(r, resource, d);
    const entries = (chosen?.rules ?? []).flatMap((dr) =>
      subsetNames(dr)
        .filter((s) => s.name === value)
        .map((s) => ({ dr, index: s.index })),
    );
    if (!entries.some((e) => e.dr.placed))
      return {
        error: `No DestinationRule in the workspace defines subset "${value}" for host "${r.fqdn(d.host, resource.namespace)}"`,
      };
    return { kind: 'subset', name: value, entries, range };
  }
  for (const g of gatewayRefs(resource)) {
    if (!samePath(path, g.path)) continue;
    const { ref, lookup } = r.gateway(g.ref, resource.namespace);
    if (ref.mesh) return { error: '"mesh" stands for the sidecars of the mesh; it is not a Gateway' };
    const where = `${ref.namespace}/${ref.name}`;
    if (lookup.status !== 'found') return { error: `Gateway ${where} is not in the workspace` };
    const istio = lookup.targets.find((t) => t.kind === 'Gateway' && t.group !== 'gateway.networking.k8s.io');
    if (!istio) return { error: `${where} is a Gateway API Gateway; rename it where its routes are defined` };
    if (!istio.placed) return { error: `Gateway ${where} is not in the workspace` };
    const [from, to] = nameSpan(g.ref);
    return { kind: 'gateway', gateway: istio, range: within(range, from, to), name: ref.name };
  }
  return { error: WHERE };
}

/** The range and current name to rename, or why this place cannot be renamed. */
export function prepareRename(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): { range: Range; placeholder: string } | Refusal {
  const t = target(index, r, file, position);
  if ('error' in t) return t;
  return { range: t.range, placeholder: t.name };
}

/** The workspace edit that renames the subset or Gateway at `position`, or why it cannot. */
export function rename(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
  newName: string,
  options: RenameOptions,
): WorkspaceEdit | Refusal {
  const t = target(index, r, file, position);
  if ('error' in t) return t;
  const edits = new EditSet();
  if (t.kind === 'subset') {
    if (!isDns1123Label(newName))
      return {
        error: `"${newName}" is not a valid subset name: use letters, digits and "-", starting and ending with a letter or digit, at most 63 characters`,
      };
    if (newName === t.name) return {};
    const rules: Resource[] = [];
    const addRule = (dr: Resource): void => {
      if (!rules.some((x) => sameResource(x, dr))) rules.push(dr);
    };
    t.entries.forEach((e) => addRule(e.dr));
    const owners = [...rules];
    for (const vs of index.resources('VirtualService'))
      for (const d of destinations(vs)) {
        if (d.subset !== t.name) continue;
        const chosen = boundRules(r, vs, d);
        if (!chosen?.rules.some((dr) => owners.some((o) => sameResource(o, dr)))) continue;
        edits.add(vs.uri, scalarText(vs, [...d.path, 'subset']), newName);
        chosen.rules.forEach(addRule);
      }
    for (const dr of rules) {
      const names = subsetNames(dr);
      if (names.some((s) => s.name === newName))
        return { error: `${describe(dr)} already defines subset "${newName}"` };
      for (const s of names)
        if (s.name === t.name)
          edits.add(dr.uri, scalarText(dr, ['spec', 'subsets', s.index, 'name']), newName);
    }
    return edits.edit(options);
  }
  if (!(newName.length <= 63 && K8S_LABEL.test(newName)))
    return {
      error: `"${newName}" is not a valid Gateway name: use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters`,
    };
  if (newName === t.name) return {};
  const gw = t.gateway;
  const clash = [...r.resources('Gateway'), ...r.resources(K8S_GATEWAY)].find(
    (g) => g.namespace === gw.namespace && g.name === newName,
  );
  if (clash) return { error: `${describe(clash)} already exists` };
  edits.add(gw.uri, scalarText(gw, ['metadata', 'name']), newName);
  for (const vs of index.resources('VirtualService'))
    for (const g of gatewayRefs(vs)) {
      const { lookup } = r.gateway(g.ref, vs.namespace);
      if (lookup.status !== 'found' || !lookup.targets.some((x) => sameResource(x, gw))) continue;
      const range = scalarText(vs, g.path);
      if (!range) continue;
      const [from, to] = nameSpan(g.ref);
      edits.add(vs.uri, within(range, from, to), newName);
    }
  return edits.edit(options);
}
