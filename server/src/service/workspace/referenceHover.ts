/**
 * Hover on a reference (a subset, host, gateway, workload selector or principal): a short summary of
 * what it resolves to, from the one Resolver. Kind, namespace and name, file and line (or the cluster
 * it was read from), labels, and how many workloads match. An unresolved reference says so quietly.
 */
import type { Position } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../documentStore';
import { subsetNames } from '../rules/workspace/refs';
import { list, obj } from '../rules/shared/values';
import { placeRange } from './crossChecks';
import { relativePath } from './origin';
import {
  parsePrincipal,
  resolveSite,
  serviceOfDestinationRule,
  siteAt,
  workloadsRunningAs,
  type Place,
  type Site,
} from './referenceSites';
import type { Resolver } from './resolver';
import { GATEWAY_API_GROUP, type Resource } from './summary';
import type { WorkspaceIndex } from './workspaceIndex';

/** At most this many targets (or matching workloads) are listed by name. */
const MAX_LISTED = 5;

/** Markdown summarising the target of the reference under the cursor, or undefined off a reference. */
export function referenceHover(
  index: WorkspaceIndex,
  r: Resolver,
  file: FileSnapshot,
  position: Position,
): string | undefined {
  const site = siteAt(index, r, file, position);
  if (!site) return undefined;
  const resolved = resolveSite(r, site);
  if (resolved.status !== 'found' || !resolved.targets.length)
    return `_${notFound(r, site, resolved.status)}_`;
  const where = (p: Place): string => {
    if (p.resource.origin?.cluster) return `cluster ${p.resource.origin.cluster}`;
    const range = placeRange(p.resource, p.path, 'value');
    const path = relativePath(index, p.resource.uri);
    return range ? `${path}:${range.start.line + 1}` : path;
  };
  if (site.ref.type === 'selector') return selected(site, resolved.targets, where);
  const sections = resolved.targets.slice(0, MAX_LISTED).map((t) => summary(r, t, where));
  if (resolved.targets.length > MAX_LISTED)
    sections.push(`_and ${resolved.targets.length - MAX_LISTED} more_`);
  return sections.join('\n\n');
}

/**
 * Why nothing is shown: not in the workspace (no cluster), in neither the workspace nor a cluster that
 * holds every object of the kind, or not in the workspace while the cluster cannot tell.
 */
function notFound(r: Resolver, site: Site, status: string): string {
  const subject = what(r, site);
  if (!r.connected) return `${subject} is not in the workspace.`;
  const cluster = r.sources.find((s) => s.label)?.label ?? 'the cluster';
  return status === 'missing'
    ? `${subject} is in neither the workspace nor ${cluster}.`
    : `${subject} is not in the workspace, and ${cluster} cannot tell.`;
}

/** What a reference names, for "… is not in the workspace". */
function what(r: Resolver, site: Site): string {
  const ref = site.ref;
  switch (ref.type) {
    case 'subset':
      return `Subset \`${ref.subset}\` of \`${ref.host}\``;
    case 'host':
      return `Host \`${r.fqdn(ref.host, site.resource.namespace)}\``;
    case 'gateway':
      return `Gateway \`${ref.ref}\``;
    case 'selector':
      return `A workload with labels ${labelList(ref.labels)}`;
    case 'principal': {
      const p = parsePrincipal(r, ref.principal);
      return p ? `ServiceAccount \`${p.namespace}/${p.account}\`` : `Principal \`${ref.principal}\``;
    }
  }
}

function labelList(labels: Readonly<Record<string, unknown>>): string {
  const l = Object.entries(labels).map(([k, v]) => `\`${k}=${String(v)}\``);
  return l.length ? l.join(', ') : 'none';
}

function matchCount(n: number): string {
  if (n === 0) return 'No workload in the workspace matches';
  return n === 1 ? '1 workload matches' : `${n} workloads match`;
}

function workloadCount(r: Resolver, namespace: string | undefined, selector: Record<string, string>): string {
  const l = r.workloads(namespace, selector);
  return matchCount(l.status === 'found' ? l.targets.length : 0);
}

const title = (t: Resource, where: string): string =>
  `**${t.group === GATEWAY_API_GROUP ? `Gateway API ${t.kind}` : t.kind}** \`${t.kind === 'Namespace' ? t.name : `${t.namespace}/${t.name}`}\` · ${where}`;

/** One target: its title line, then what matters about it. */
function summary(r: Resolver, t: Place, where: (p: Place) => string): string {
  const res = t.resource;
  const lines: string[] = [];
  if (res.kind === 'DestinationRule' && t.path[1] === 'subsets' && typeof t.path[2] === 'number') {
    const entry = obj(list(res.spec?.subsets)[t.path[2]]);
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(entry?.labels) ?? {})) if (typeof v === 'string') labels[k] = v;
    lines.push(
      `**Subset** \`${String(entry?.name)}\` of DestinationRule \`${res.namespace}/${res.name}\` · ${where(t)}`,
    );
    lines.push(`Labels: ${labelList(labels)}`);
    const svc = serviceOfDestinationRule(r, res);
    if (svc?.service?.selector && Object.keys(svc.service.selector).length)
      lines.push(
        `${workloadCount(r, svc.namespace, { ...svc.service.selector, ...labels })} (Service \`${svc.name}\`)`,
      );
    return lines.join('\n\n');
  }
  lines.push(title(res, where(t)));
  if (Object.keys(res.labels).length) lines.push(`Labels: ${labelList(res.labels)}`);
  if (res.kind === 'Service') {
    const ports = (res.service?.ports ?? []).map((p) => `\`${p.port ?? '?'}${p.name ? ` ${p.name}` : ''}\``);
    if (ports.length) lines.push(`Ports: ${ports.join(', ')}`);
    const sel = res.service?.selector;
    if (sel && Object.keys(sel).length)
      lines.push(`Selector: ${labelList(sel)} · ${workloadCount(r, res.namespace, sel)}`);
  } else if (res.kind === 'ServiceEntry') {
    const hosts = list(res.spec?.hosts).filter((h) => typeof h === 'string');
    if (hosts.length) lines.push(`Hosts: ${hosts.map((h) => `\`${String(h)}\``).join(', ')}`);
  } else if (res.kind === 'DestinationRule') {
    const names = subsetNames(res).map((s) => `\`${s.name}\``);
    lines.push(`Subsets: ${names.length ? names.join(', ') : 'none'}`);
  } else if (res.kind === 'Gateway' && res.group === 'networking.istio.io') {
    const sel: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(res.spec?.selector) ?? {})) if (typeof v === 'string') sel[k] = v;
    if (Object.keys(sel).length)
      lines.push(`Selector: ${labelList(sel)} · ${workloadCount(r, undefined, sel)}`);
  } else if (res.kind === 'ServiceAccount') {
    const n = workloadsRunningAs(r, res.namespace, res.name).length;
    lines.push(n === 1 ? '1 workload runs as it' : `${n} workloads run as it`);
  }
  return lines.join('\n\n');
}

/** A selector's matching workloads: how many, and the first few by name. */
function selected(site: Site, targets: Place[], where: (p: Place) => string): string {
  const ref = site.ref;
  if (ref.type !== 'selector') return '';
  const scope = ref.namespace === undefined ? 'the mesh' : `namespace \`${ref.namespace}\``;
  const lines = [`**${matchCount(targets.length)}** ${labelList(ref.labels)} in ${scope}`];
  for (const t of targets.slice(0, MAX_LISTED))
    lines.push(`- ${t.resource.kind} \`${t.resource.namespace}/${t.resource.name}\` · ${where(t)}`);
  if (targets.length > MAX_LISTED) lines.push(`- _and ${targets.length - MAX_LISTED} more_`);
  return lines.join('\n');
}
