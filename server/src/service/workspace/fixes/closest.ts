/**
 * "Replace with the closest existing one" for a gateway or host that resolves to nothing. The
 * candidates are what the reference could bind to from its namespace (every Gateway; the Services
 * and ServiceEntries visible there). Only candidates within a small edit distance are offered, each
 * written in the form of the reference it replaces, and each is checked to resolve before it is
 * offered. Work is bounded: a capped number of candidates, and a distance that stops early.
 */
import { describe } from '../../rules/workspace/refs';
import type { PathSegment } from '../../yaml/nodes';
import { parseGatewayRef } from '../resolve';
import { strings, type Resolver } from '../resolver';
import type { Resource } from '../summary';
import { K8S_GATEWAY } from '../workspaceIndex';
import { EditSet, editDistance, scalarText } from './places';
import type { WorkspaceFix } from './subsets';

const MAX_CANDIDATES = 10_000;
const MAX_OFFERS = 3;
const SAFE = /^[A-Za-z0-9*.][A-Za-z0-9./*-]*$/;

/** How far a candidate may be: about one edit in four characters of the reference, at most 3. */
function limitFor(written: string): number {
  return Math.min(3, Math.max(1, Math.floor(written.length / 4)));
}

interface Candidate {
  text: string;
  key: string;
  target: Resource;
}

function closest(key: string, written: string, candidates: Iterable<Candidate>): Candidate[] {
  const limit = limitFor(written);
  let best = limit + 1;
  let out: Candidate[] = [];
  let n = 0;
  for (const c of candidates) {
    if (++n > MAX_CANDIDATES) break;
    if (c.text === written) continue;
    const d = editDistance(key, c.key, Math.min(limit, best));
    if (d > limit || d > best) continue;
    if (d < best) {
      best = d;
      out = [];
    }
    if (!out.some((o) => o.text === c.text)) out.push(c);
  }
  return out.slice(0, MAX_OFFERS);
}

function replacements(
  subject: Resource,
  path: PathSegment[],
  what: string,
  written: string,
  found: Candidate[],
): WorkspaceFix[] {
  const range = scalarText(subject, path);
  if (!range) return [];
  // Written as a plain scalar: a name that would need quoting (a broken resource) is not offered.
  return found
    .filter((c) => SAFE.test(c.text))
    .map((c) => {
      const edit = new EditSet();
      edit.add(subject.uri, range, c.text);
      return {
        title: `Replace ${what} "${written}" with "${c.text}" (${describe(c.target)})`,
        edit,
        preferred: found.length === 1,
      };
    });
}

/** The same Gateway reference form as `written`, naming the Gateway `g`. */
function gatewayForm(written: string, vsNamespace: string, g: Resource): string {
  const slash = written.indexOf('/');
  if (slash !== -1) {
    return written.slice(0, slash) === '.' && g.namespace === vsNamespace
      ? `./${g.name}`
      : `${g.namespace}/${g.name}`;
  }
  const parts = written.split('.');
  if (parts.length > 1) return [g.name, g.namespace, ...parts.slice(2)].join('.');
  return g.namespace === vsNamespace ? g.name : `${g.namespace}/${g.name}`;
}

/** Replace a `gateways` entry that binds no Gateway with the closest Gateway's name. */
export function replaceGateway(
  r: Resolver,
  vs: Resource,
  path: PathSegment[],
  written: string,
): WorkspaceFix[] {
  const ref = parseGatewayRef(written, vs.namespace);
  if (ref.mesh) return [];
  // A reference that names its namespace is compared whole; one that does not (`name`, `./name`)
  // by name, so that a Gateway of another namespace is found too (written as ns/name).
  const explicit = !written.startsWith('./') && /[./]/.test(written);
  const keyOf = (ns: string, name: string): string => (explicit ? `${ns}/${name}` : name);
  const key = keyOf(ref.namespace, ref.name);
  function* candidates(): Generator<Candidate> {
    for (const g of [...r.resources('Gateway'), ...r.resources(K8S_GATEWAY)]) {
      yield { text: gatewayForm(written, vs.namespace, g), key: keyOf(g.namespace, g.name), target: g };
    }
  }
  // Only the few closest are resolved (a lookup per candidate would be quadratic).
  const found = closest(key, written, candidates()).filter(
    (c) => r.gateway(c.text, vs.namespace).lookup.status === 'found',
  );
  return replacements(vs, path, 'gateway', written, found);
}

/**
 * Replace a host that matches nothing with the closest Service or ServiceEntry host visible from the
 * subject's namespace: a short name for a Service of that namespace when the host was short, the
 * full name otherwise.
 */
export function replaceHost(
  r: Resolver,
  subject: Resource,
  path: PathSegment[],
  written: string,
  suggested?: string,
): WorkspaceFix[] {
  const client = subject.namespace;
  const check = (text: string): boolean => r.services(r.fqdn(text, client), client).status === 'found';
  if (suggested && check(suggested)) {
    const meant = r.services(suggested, client);
    const target = meant.status === 'found' ? meant.targets[0] : undefined;
    if (target)
      return replacements(subject, path, 'host', written, [{ text: suggested, key: suggested, target }]);
  }
  // A short host is compared with Service names (of any namespace: another one is written in full);
  // a host with dots with full names.
  const short = !written.includes('.');
  const key = short ? written : r.fqdn(written, client);
  function* candidates(): Generator<Candidate> {
    for (const svc of r.resources('Service')) {
      if (!r.serviceVisible(svc, client)) continue;
      const fqdn = `${svc.name}.${svc.namespace}.svc.${r.domain}`;
      if (short) yield { text: svc.namespace === client ? svc.name : fqdn, key: svc.name, target: svc };
      else yield { text: fqdn, key: fqdn, target: svc };
    }
    for (const se of r.resources('ServiceEntry')) {
      if (!r.serviceEntryVisible(se, client)) continue;
      for (const h of strings(se.spec?.hosts) ?? [])
        if (!h.startsWith('*')) yield { text: h, key: h, target: se };
    }
  }
  const found = closest(key, written, candidates()).filter((c) => check(c.text));
  return replacements(subject, path, 'host', written, found);
}
