/**
 * Istio's unreachable-rule analysis of VirtualService routes (analyzeUnreachableHTTPRules and its TCP
 * and TLS twins). It yields IST0130 (a whole rule is never used) and IST0131 (one match is never used).
 */
import type { PathSegment } from '../../yaml/nodes';
import { itemsOf, matchName, routesOf, ruleName, type Item } from './virtualServiceParts';
import { isObj, list, num, obj, str, type Obj } from './values';

export interface ReachabilityFinding {
  code: 'IST0130' | 'IST0131';
  /** Where to report: a route item, a route's `match` key, a match item, or a `uri.prefix` key. */
  path: PathSegment[];
  /** Report on the first key of `path` (a list item). */
  item: boolean;
  message: string;
  related?: { path: PathSegment[]; item: boolean; message: string };
}

/** Go's json.Marshal of a proto struct, for comparing matches: zero values are left out, keys sorted. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    return items.length ? items : undefined;
  }
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical(v[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === null || v === false || v === 0 || v === '') return undefined;
  return v;
}

function matchKey(match: Obj, http: boolean): string {
  const m = { ...match };
  if (http) delete m.name;
  return JSON.stringify(canonical(m) ?? {});
}

interface PrefixMatch {
  route: Item;
  match: Item;
  prefix: string;
  port: number;
  method: string;
  authority: string;
  headers: Map<string, string>;
  queryParams: Map<string, string>;
  withoutHeaders: Map<string, string>;
}

function exactOrPrefix(sm: unknown): string {
  const o = obj(sm);
  const exact = str(o?.exact);
  if (exact) return `exact:${exact}`;
  const prefix = str(o?.prefix);
  if (prefix) return `prefix:${prefix}`;
  return '';
}

function stringMap(v: unknown): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, sm] of Object.entries(obj(v) ?? {})) m.set(k, exactOrPrefix(sm));
  return m;
}

function prefixMatch(route: Item, match: Item): PrefixMatch | undefined {
  const prefix = str(obj(match.value.uri)?.prefix);
  if (!prefix) return undefined;
  return {
    route,
    match,
    prefix,
    port: num(match.value.port) ?? 0,
    method: exactOrPrefix(match.value.method) || 'exact:GET',
    authority: exactOrPrefix(match.value.authority),
    headers: stringMap(match.value.headers),
    queryParams: stringMap(match.value.queryParams),
    withoutHeaders: stringMap(match.value.withoutHeaders),
  };
}

const compatible = (a: string, b: string): boolean => a === b || a.startsWith(b);

function mapsCovered(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !compatible(v, w)) return false;
  }
  return true;
}

/** Istio's coveredValidation: the earlier prefix match `a` catches every request of the later `b`. */
function covers(a: PrefixMatch, b: PrefixMatch): boolean {
  return (
    b.prefix.startsWith(a.prefix) &&
    a.port === b.port &&
    compatible(a.method, b.method) &&
    compatible(a.authority, b.authority) &&
    mapsCovered(a.headers, b.headers) &&
    mapsCovered(a.queryParams, b.queryParams) &&
    mapsCovered(a.withoutHeaders, b.withoutHeaders)
  );
}

/** The reachability findings of one kind of route (http, tls or tcp). */
export function reachability(spec: Obj | undefined, kind: 'http' | 'tls' | 'tcp'): ReachabilityFinding[] {
  const http = kind === 'http';
  const out: ReachabilityFinding[] = [];
  const seen = new Map<string, { route: Item; match: Item }>();
  const prefixes: PrefixMatch[] = [];
  let matchless: Item | undefined;
  for (const route of routesOf(spec, kind)) {
    const rawMatches = list(route.value.match);
    if (rawMatches.length === 0) {
      if (matchless) {
        out.push({
          code: 'IST0130',
          path: route.path,
          item: true,
          message: `${kind} rule ${ruleName(route)} is never used: only the last rule can have no matches, and rule ${ruleName(matchless)} before it already matches every request (only the last rule can have no matches).`,
          related: {
            path: matchless.path,
            item: true,
            message: `rule ${ruleName(matchless)} has no matches`,
          },
        });
      }
      matchless = route;
      continue;
    }
    if (matchless) {
      out.push({
        code: 'IST0130',
        path: [...route.path, 'match'],
        item: false,
        message: `${kind} rule ${ruleName(route)} is never used: rule ${ruleName(matchless)} before it has no matches and catches every request (route without matches defined before).`,
        related: { path: matchless.path, item: true, message: `rule ${ruleName(matchless)} has no matches` },
      });
      continue;
    }
    let duplicates = 0;
    for (const match of itemsOf(route.value, 'match', route.path)) {
      const key = matchKey(match.value, http);
      const earlier = seen.get(key);
      if (earlier) {
        duplicates++;
        out.push({
          code: 'IST0131',
          path: match.path,
          item: true,
          message: `match ${matchName(match, http)} of ${kind} rule ${ruleName(route)} is never used: it repeats a match of rule ${ruleName(earlier.route)}, which takes those requests first (duplicate/overlapping match in rule ${ruleName(earlier.route)}).`,
          related: { path: earlier.match.path, item: true, message: 'the same match, earlier' },
        });
        continue;
      }
      seen.set(key, { route, match });
      const p = http ? prefixMatch(route, match) : undefined;
      if (p) prefixes.push(p);
    }
    if (duplicates === rawMatches.length) {
      out.push({
        code: 'IST0130',
        path: [...route.path, 'match'],
        item: false,
        message: `${kind} rule ${ruleName(route)} is never used: every one of its matches is already used by earlier rules (all matches used by prior rules).`,
      });
    }
  }
  for (const { later: b, earlier: a } of coveredPrefixes(prefixes)) {
    out.push({
      code: 'IST0131',
      path: [...b.match.path, 'uri', 'prefix'],
      item: false,
      message: `match ${matchName(b.match, true)} of http rule ${ruleName(b.route)} is never used: its prefix "${b.prefix}" is already covered by the prefix "${a.prefix}" of match ${matchName(a.match, true)} in rule ${ruleName(a.route)}, which comes first (duplicate/overlapping match). Put the longer prefix first.`,
      related: {
        path: [...a.match.path, 'uri', 'prefix'],
        item: false,
        message: `prefix "${a.prefix}" matches first`,
      },
    });
  }
  return out;
}

interface PrefixNode {
  children: Map<string, PrefixNode>;
  /** Earlier matches whose prefix ends at this node. */
  matches: PrefixMatch[];
}

/** Candidates compared per prefix: enough for real routes, and a bound for generated ones. */
const MAX_CANDIDATES = 64;

/**
 * Each prefix match paired with the first earlier match that covers it, found by walking a trie of the
 * earlier prefixes (linear in the total prefix length) instead of comparing every pair.
 */
function coveredPrefixes(prefixes: readonly PrefixMatch[]): { later: PrefixMatch; earlier: PrefixMatch }[] {
  const out: { later: PrefixMatch; earlier: PrefixMatch }[] = [];
  const root: PrefixNode = { children: new Map(), matches: [] };
  for (const b of prefixes) {
    let node: PrefixNode | undefined = root;
    let found: PrefixMatch | undefined;
    // Proper prefixes of b's prefix only: an equal prefix is a duplicate, reported above.
    for (let i = 0; i < b.prefix.length - 1 && node && !found; i++) {
      node = node.children.get(b.prefix[i]);
      if (!node) break;
      const candidates = node.matches;
      for (let k = 0; k < candidates.length && k < MAX_CANDIDATES && !found; k++) {
        if (covers(candidates[k], b)) found = candidates[k];
      }
    }
    if (found) out.push({ later: b, earlier: found });
    let at = root;
    for (let i = 0; i < b.prefix.length; i++) {
      let next = at.children.get(b.prefix[i]);
      if (!next) {
        next = { children: new Map(), matches: [] };
        at.children.set(b.prefix[i], next);
      }
      at = next;
    }
    at.matches.push(b);
  }
  return out;
}
