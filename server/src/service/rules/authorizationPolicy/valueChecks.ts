/**
 * Checks of single AuthorizationPolicy values, shared by the source/operation rules and the `when`
 * condition rules (not a rule itself). Each returns an error message or undefined; empty strings are
 * reported by ap-empty-value, so they pass here.
 */

/**
 * `serviceAccounts` entries and `source.serviceAccount` values: `sa` or `namespace/sa`. The 320
 * character limit is checked only when asked (the CRD schema already limits the source lists).
 */
export function serviceAccountProblem(v: string, checkLength = false): string | undefined {
  if (v === '') return undefined;
  if (v.includes('*')) return `'${v}' contains '*', but wildcards are not allowed in service accounts`;
  const slashes = v.split('/').length - 1;
  if (slashes > 1) return `'${v}' must have the form 'serviceAccount' or 'namespace/serviceAccount'`;
  if (checkLength && v.length > 320) return `'${v.slice(0, 40)}…' is longer than 320 characters`;
  if (slashes === 1) {
    const [ns, sa] = v.split('/');
    if (ns === '') return `'${v}' has an empty namespace before '/'`;
    if (sa === '') return `'${v}' has an empty service account after '/'`;
  }
  return undefined;
}

/** `trustDomains` entries and `source.trustDomain` values: at most one '*', at the start or end; no '/'. */
export function trustDomainProblem(v: string): string | undefined {
  if (v === '') return undefined;
  if (v.includes('/')) return `'${v}' contains '/', which a trust domain cannot contain`;
  const stars = v.split('*').length - 1;
  if (stars > 1) return `'${v}' has more than one '*'`;
  if (stars === 1 && !v.startsWith('*') && !v.endsWith('*')) {
    return `'${v}' has a '*' in the middle; a wildcard is only allowed at the start or the end`;
  }
  return undefined;
}

/** `ports`/`notPorts` and `destination.port` values: a decimal number up to 65535. */
export function portProblem(v: string): string | undefined {
  if (v === '') return undefined;
  if (!/^[0-9]+$/.test(v) || Number(v) > 65535)
    return `'${v}' is not a port: use a decimal number up to 65535`;
  return undefined;
}

const ONE = '{*}';
const ANY = '{**}';
const LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

/** Path templates in `paths`/`notPaths`: `{*}` one segment, `{**}` the rest (last only), nothing else in braces. */
export function pathTemplateProblem(path: string): string | undefined {
  const templated = path.includes(ONE) || path.includes(ANY);
  let sawAny = false;
  for (const seg of path.replace(/^\/+|\/+$/g, '').split('/')) {
    if ((seg === ONE || seg === ANY) && sawAny)
      return `'{**}' must be the last operator of the path template '${path}'`;
    if (seg === ONE) continue;
    if (seg === ANY) {
      sawAny = true;
      continue;
    }
    if (seg.includes('{') || seg.includes('}')) {
      return `'${path}' has '{' or '}' outside the supported templates '{*}' and '{**}'`;
    }
    if (templated && !LITERAL.test(seg)) {
      return `the segment '${seg}' of the path template '${path}' may only use URL path characters (letters, digits and -._~%!$&'()+,;:@=)`;
    }
  }
  return undefined;
}
