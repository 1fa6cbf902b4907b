import {
  celFunc,
  celMethod,
  celMap,
  CelScalar,
  mapType,
  isCelMap,
  type CelFunc,
  type CelMap,
} from '@bufbuild/cel';

/**
 * The parts of the Kubernetes CEL library (k8s.io/apiserver/pkg/cel/library) that Istio's CRD rules
 * use: `isURL(string)`, `url(string)` and `URL.getScheme()`.
 *
 * A URL value is represented as a CEL map with a private marker key, since @bufbuild/cel has no opaque
 * types without protobuf descriptors. Parsing follows Go's `url.ParseRequestURI`, which Kubernetes
 * uses: the text must be an absolute URI (`scheme:...`) or an absolute path (`/...`).
 */
const URL_MARKER = '\u0000k8s.url';

interface ParsedUrl {
  scheme: string;
  host: string;
  path: string;
}

export function parseRequestUri(text: string): ParsedUrl | undefined {
  // Go rejects ASCII control characters anywhere in a URL.
  if (/[\u0000-\u001f\u007f]/.test(text)) return undefined;
  if (text.startsWith('/')) return { scheme: '', host: '', path: text };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(text);
  if (!m) return undefined;
  const rest = m[2];
  if (rest.startsWith('//')) {
    const authorityEnd = rest.slice(2).search(/[/?#]/);
    const authority = authorityEnd === -1 ? rest.slice(2) : rest.slice(2, 2 + authorityEnd);
    const hostPart = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
    if (!/^[A-Za-z0-9._~%!$&'()*+,;=:[\]-]*$/.test(hostPart)) return undefined;
    const path = authorityEnd === -1 ? '' : rest.slice(2 + authorityEnd);
    if (/\s/.test(path)) return undefined;
    return { scheme: m[1].toLowerCase(), host: hostPart, path };
  }
  if (/\s/.test(rest)) return undefined;
  return { scheme: m[1].toLowerCase(), host: '', path: rest };
}

function urlValue(text: string): CelMap {
  const parsed = parseRequestUri(text);
  if (!parsed) throw new Error(`URL parse error during conversion from string: ${text}`);
  return celMap(
    new Map<string, string>([
      [URL_MARKER, text],
      ['scheme', parsed.scheme],
      ['host', parsed.host],
      ['path', parsed.path],
    ]),
  );
}

const URL_TYPE = mapType(CelScalar.STRING, CelScalar.STRING);

export const kubernetesFunctions: CelFunc[] = [
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (s) => parseRequestUri(s) !== undefined),
  celFunc('url', [CelScalar.STRING], URL_TYPE, (s) => urlValue(s)),
  celMethod('getScheme', URL_TYPE, [], CelScalar.STRING, function () {
    if (!isCelMap(this) || !this.has(URL_MARKER)) throw new Error('getScheme() needs a URL value');
    const scheme = this.get('scheme');
    return typeof scheme === 'string' ? scheme : '';
  }),
];
