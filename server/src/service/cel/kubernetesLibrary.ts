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
import { isIPv4, isIPv6 } from '../rules/shared/ip';

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
 * Go's `url.ParseRequestURI` (src/net/url/url.go, `parse` with viaRequest), which `isURL()` calls.
 * Returns undefined when Go returns an error.
 */
export function parseRequestUri(text: string): ParsedUrl | undefined {
  return goParseRequestUri(text).url;
}

/** Go's `url.ParseRequestURI`: the parsed parts, or Go's error text. */
export function goParseRequestUri(text: string): { url?: ParsedUrl; error?: string } {
  return goParse(text, true);
}

/**
 * Go's `url.Parse`: the fragment is cut at the first `#` and checked on its own (its escapes only),
 * the rest is parsed without the request rules. `url()` runs it after ParseRequestURI and keeps its
 * result (k8s.io/apiserver pkg/cel/library/urls.go).
 */
export function goParseUrl(text: string): { url?: ParsedUrl; error?: string } {
  const hash = text.indexOf('#');
  const r = goParse(hash === -1 ? text : text.slice(0, hash), false);
  if (r.error || hash === -1) return r;
  const frag = unescape(text.slice(hash + 1), 'fragment');
  return frag.error ? { error: frag.error } : r;
}

/**
 * Go's `parse(rawURL, viaRequest)`, step by step: no control bytes; `*` alone is a path; the scheme
 * ends at the first `:` after letters, digits, `+`, `-`, `.` (starting with a letter), and is
 * lower-cased; the query is cut at the first `?`; with a scheme and no `/` after it the rest is
 * opaque (unchecked). `//` starts an authority (always after a scheme; without one only outside a
 * request, and not for `///`) that ends at the next `/` only, so a `#` in it is an invalid host
 * character. Escapes are checked in userinfo, host and path.
 */
function goParse(text: string, viaRequest: boolean): { url?: ParsedUrl; error?: string } {
  if (/[\u0000-\u001f\u007f]/.test(text)) return { error: 'net/url: invalid control character in URL' };
  if (text === '' && viaRequest) return { error: 'empty url' };
  if (text === '*') return { url: { scheme: '', host: '', path: '*' } };
  if (text.startsWith(':')) return { error: 'missing protocol scheme' };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  const scheme = m ? m[1].toLowerCase() : '';
  let rest = m ? text.slice(m[0].length) : text;
  const q = rest.indexOf('?');
  if (q !== -1) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme) return { url: { scheme, host: '', path: '' } };
    if (viaRequest) return { error: 'invalid URI for request' };
    if (rest.split('/')[0].includes(':')) return { error: 'first path segment in URL cannot contain colon' };
  }
  let host = '';
  if ((scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash !== -1) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    const parsedHost = parseHost(scheme, at === -1 ? authority : authority.slice(at + 1));
    if (parsedHost.error) return { error: parsedHost.error };
    host = parsedHost.host ?? '';
    if (at !== -1) {
      const userinfo = authority.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return { error: 'net/url: invalid userinfo' };
      const bad = unescape(userinfo, 'userinfo').error;
      if (bad) return { error: bad };
    }
  }
  const path = unescape(rest, 'path');
  if (path.error) return { error: path.error };
  return { url: { scheme, host, path: path.value ?? '' } };
}

/** Go's validOptionalPort: empty, or `:` followed by digits only. */
function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/**
 * Go's parseHost (as in Go 1.26, which builds k8s.io/apiserver): a `[` may only open the host, and
 * then holds an IPv6 address (not an IPv4 one), with an optional `%25` zone; otherwise the port
 * starts at the first `:` for http and https (so `a:1:2` is an invalid port) and at the last `:` for
 * other schemes. Hosts may %-escape only bytes >= 0x80, and `%25`.
 */
function parseHost(scheme: string, host: string): { host?: string; error?: string } {
  const open = host.lastIndexOf('[');
  if (open > 0) return { error: 'invalid IP-literal' };
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { error: "missing ']' in host" };
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return { error: `invalid port "${colonPort}" after host` };
    const inner = host.slice(1, close);
    const zone = inner.indexOf('%25');
    const parts =
      zone >= 0
        ? [unescape(inner.slice(0, zone), 'host'), unescape(inner.slice(zone), 'zone')]
        : [unescape(inner, 'host')];
    const error = parts.find((x) => x.error)?.error;
    if (error) return { error };
    const address = parts.map((x) => x.value).join('');
    if (isIPv4(address)) return { error: 'invalid IP-literal' };
    if (!isIPv6(address, true))
      return { error: `invalid host: ParseAddr(${JSON.stringify(address)}): not an IPv6 address` };
    return { host: `[${address}]${colonPort}` };
  }
  const first = host.indexOf(':');
  if (first !== -1) {
    const at = scheme === 'http' || scheme === 'https' ? first : host.lastIndexOf(':');
    if (!validOptionalPort(host.slice(at))) return { error: `invalid port "${host.slice(at)}" after host` };
  }
  const r = unescape(host, 'host');
  return r.error ? { error: r.error } : { host: r.value };
}

/** Characters Go leaves unescaped in a host (shouldEscape with encodeHost is false). */
const HOST_OK = /[A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~]/;

/**
 * Go's unescape: every `%` starts two hex digits. In a host only bytes >= 0x80 and `%25` may be
 * escaped, and only host characters may appear; in a zone an escape may stand for `%`, a space or a
 * host character. Paths, userinfo and fragments check the escapes only.
 */
function unescape(
  s: string,
  mode: 'host' | 'zone' | 'path' | 'userinfo' | 'fragment',
): { value?: string; error?: string } {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length;) {
    const c = raw[i];
    if (c === 0x25) {
      const hex = raw.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9A-Fa-f]{2}$/.test(hex))
        return { error: `invalid URL escape "${raw.subarray(i, i + 3).toString('latin1')}"` };
      const v = parseInt(hex, 16);
      if (mode === 'host' && v < 0x80 && hex !== '25') return { error: `invalid URL escape "%${hex}"` };
      if (
        mode === 'zone' &&
        hex !== '25' &&
        v !== 0x20 &&
        (v >= 0x80 || !HOST_OK.test(String.fromCharCode(v)))
      )
        return { error: `invalid URL escape "%${hex}"` };
      bytes.push(v);
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
  // As Kubernetes does: ParseRequestURI must accept the text, then url.Parse gives the value (and
  // can still fail, for example on `//a b/`, which is a path to the first and an authority to the
  // second).
  const checked = goParseRequestUri(text);
  const { url: parsed, error } = checked.url ? goParseUrl(text) : checked;
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
