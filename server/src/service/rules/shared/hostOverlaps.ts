/**
 * Finds, for each host of a list, an earlier host it overlaps (the same name, or a wildcard covering
 * it, or two wildcards one inside the other), with maps instead of comparing every pair: each host is
 * looked up and registered under its dot-suffixes, so the work is linear in the total length.
 * Agrees with `hostsOverlap` for valid hosts (`*`, `*.suffix` or plain names).
 */
export interface Overlap<T> {
  later: T;
  earlier: T;
}

/** `.b.c`, `.c` for `a.b.c`: the suffixes a wildcard `*<suffix>` would match on. */
function dotSuffixes(name: string): string[] {
  const out: string[] = [];
  for (let i = name.indexOf('.'); i !== -1; i = name.indexOf('.', i + 1)) out.push(name.slice(i));
  return out;
}

export function findHostOverlaps<T>(items: readonly T[], hostOf: (item: T) => string): Overlap<T>[] {
  const out: Overlap<T>[] = [];
  /** Every earlier host, by its name. */
  const exact = new Map<string, T>();
  /** Earlier wildcards by their suffix (`.foo.com` for `*.foo.com`, '' for `*`). */
  const wildcards = new Map<string, T>();
  /** The first earlier host having each dot-suffix (a wildcard's own suffix included). */
  const bySuffix = new Map<string, T>();
  let first: T | undefined;
  for (const item of items) {
    const host = hostOf(item);
    const wild = host.startsWith('*');
    const body = wild ? host.slice(1) : host;
    const suffixes = dotSuffixes(body);
    let earlier = exact.get(host);
    // An earlier wildcard whose suffix ends this host (or this wildcard's suffix).
    if (earlier === undefined) earlier = wildcards.get('');
    if (earlier === undefined && wild) earlier = wildcards.get(body);
    for (let i = 0; earlier === undefined && i < suffixes.length; i++) earlier = wildcards.get(suffixes[i]);
    // This wildcard covers an earlier host (plain, or a narrower wildcard).
    if (earlier === undefined && wild) earlier = body === '' ? first : bySuffix.get(body);
    if (earlier !== undefined) out.push({ later: item, earlier });
    if (!exact.has(host)) exact.set(host, item);
    if (wild && !wildcards.has(body)) wildcards.set(body, item);
    for (const s of suffixes) if (!bySuffix.has(s)) bySuffix.set(s, item);
    first ??= item;
  }
  return out;
}

/**
 * A test for "is this name a subset of one of `hosts`" (Istio's host.Name.SubsetOf against a list),
 * answered through maps. Wildcards that are not `*` or `*.suffix` (invalid anyway) are compared one by
 * one, at most a few of them.
 */
export function subsetOfAny(hosts: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const wildcards = new Set<string>();
  const odd: string[] = [];
  for (const h of hosts) {
    if (!h.startsWith('*')) exact.add(h);
    else if (h === '*' || h.startsWith('*.')) wildcards.add(h.slice(1));
    else if (odd.length < 16) odd.push(h);
  }
  return (name) => {
    if (exact.has(name) && !name.startsWith('*')) return true;
    if (wildcards.has('')) return true;
    const wild = name.startsWith('*');
    const body = wild ? name.slice(1) : name;
    for (const s of dotSuffixes(body)) if (wildcards.has(s)) return true;
    if (wild) return false;
    return odd.some((h) => name.endsWith(h.slice(1)));
  };
}
