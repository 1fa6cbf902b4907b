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

/**
 * Go's `url.ParseRequestURI`, step by step (src/net/url/url.go): no control bytes; `*` alone is a
 * path; the scheme ends at the first `:` after letters, digits, `+`, `-`, `.` (starting with a
 * letter); the query is cut at the first `?`; a scheme without `/` after it makes the rest opaque
 * (unchecked); otherwise `//` starts an authority that ends at the next `/` only, so a `#` there is
 * an invalid host character. The port must be digits; escapes are checked in host and path; the path
 * may hold spaces and a `#` (a request URI has no fragment).
 */
export function parseRequestUri(text: string): ParsedUrl | undefined {
  return goParseRequestUri(text).url;
}

export function goParseRequestUri(text: string): { url?: ParsedUrl; error?: string } {
  if (/[\u0000-\u001f\u007f]/.test(text)) return { error: 'net/url: invalid control character in URL' };
  if (text === '') return { error: 'empty url' };
  if (text === '*') return { url: { scheme: '', host: '', path: '*' } };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (text.startsWith(':')) return { error: 'missing protocol scheme' };
  const scheme = m ? m[1].toLowerCase() : '';
  let rest = m ? text.slice(m[0].length) : text;
  const q = rest.indexOf('?');
  if (q !== -1) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme) return { url: { scheme, host: '', path: '' } };
    return { error: 'invalid URI for request' };
  }
  let host = '';
  if (scheme && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash !== -1) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    const parsedHost = parseHost(at === -1 ? authority : authority.slice(at + 1));
    if (parsedHost.error) return { error: parsedHost.error };
    host = parsedHost.host ?? '';
    if (at !== -1) {
      const userinfo = authority.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return { error: 'net/url: invalid userinfo' };
      if (unescape(userinfo, 'userinfo').error) return { error: 'invalid URL escape' };
    }
  }
  const path = unescape(rest, 'path');
  if (path.error) return { error: path.error };
  return { url: { scheme, host, path: path.value ?? '' } };
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): { host?: string; error?: string } {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { error: "missing ']' in host" };
    if (!validOptionalPort(host.slice(close + 1)))
      return { error: `invalid port "${host.slice(close + 1)}" after host` };
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) {
      const a = unescape(host.slice(0, zone), 'host');
      const b = unescape(host.slice(zone, close), 'zone');
      const c = unescape(host.slice(close), 'host');
      const error = a.error ?? b.error ?? c.error;
      return error ? { error } : { host: `${a.value}${b.value}${c.value}` };
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && !validOptionalPort(host.slice(colon))) {
      return { error: `invalid port "${host.slice(colon)}" after host` };
    }
  }
  const r = unescape(host, 'host');
  return r.error ? { error: r.error } : { host: r.value };
}

/** Characters Go leaves unescaped in a host (shouldEscape with encodeHost is false). */
const HOST_OK = /[A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~]/;

/** Go's unescape: checks `%XX` everywhere, and in hosts the characters and the escapes allowed there. */
function unescape(
  s: string,
  mode: 'host' | 'zone' | 'path' | 'userinfo',
): { value?: string; error?: string } {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length;) {
    const c = raw[i];
    if (c === 0x25) {
      const hex = raw.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9A-Fa-f]{2}$/.test(hex))
        return { error: `invalid URL escape "${raw.subarray(i, i + 3).toString('latin1')}"` };
      if (mode === 'host' && parseInt(hex[0], 16) < 8 && hex !== '25') {
        return { error: `invalid URL escape "%${hex}"` };
      }
      bytes.push(parseInt(hex, 16));
      i += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && c < 0x80 && !HOST_OK.test(String.fromCharCode(c))) {
      return { error: `invalid character "${String.fromCharCode(c)}" in host name` };
    }
    bytes.push(c);
    i++;
  }
  return { value: Buffer.from(bytes).toString('utf8') };
}

function urlValue(text: string): CelMap {
  const { url: parsed, error } = goParseRequestUri(text);
  if (!parsed)
    throw new Error(`URL parse error during conversion from string: parse "${text}": ${error ?? 'invalid'}`);
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
