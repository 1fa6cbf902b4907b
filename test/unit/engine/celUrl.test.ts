import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goParseRequestUri, goParseUrl } from '../../../server/src/service/cel/kubernetesLibrary';
import { CelRuleCompiler } from '../../../server/src/service/cel/rules';
import { diagnose, expectDiagnostic } from '../helpers';

/**
 * Go's url.ParseRequestURI, as read in src/net/url/url.go (parse with viaRequest=true, getScheme,
 * parseAuthority, parseHost, validOptionalPort, validUserinfo, unescape, shouldEscape), with the
 * parseHost of Go 1.26, which builds k8s.io/apiserver (its go.mod says go 1.26.0): bracketed hosts
 * must be IPv6 addresses, and http(s) ports start at the first colon. isURL() is exactly this call
 * (pkg/cel/library/urls.go). Each row: the input, whether Go accepts it, and the scheme Go reports.
 */
const TABLE: [string, boolean, string?][] = [
  // parse -> getScheme: letters then ':' make the scheme; the authority runs to the next '/'.
  ['https://example.com/path', true, 'https'],
  // parse: url.Scheme = strings.ToLower(scheme); hosts keep their case.
  ['HTTP://Example.com', true, 'http'],
  // parse: no scheme, rest starts with '/': an absolute path is a valid request URI.
  ['/absolute/path', true, ''],
  // parse: rawURL == "*" is the one non-path request target.
  ['*', true, ''],
  // parse: rawURL == "" && viaRequest -> "empty url".
  ['', false],
  // parse: no scheme and rest not starting with '/' -> "invalid URI for request".
  ['relative/path', false],
  // getScheme: ':' at index 0 -> "missing protocol scheme".
  [':foo', false],
  // getScheme: a digit at index 0 means no scheme; then "invalid URI for request".
  ['1http://a', false],
  // parse: a scheme and a rest without '/' make an opaque URL, not checked further.
  ['mailto:someone@example.com', true, 'mailto'],
  // parse (opaque): the space is not looked at; stringContainsCTLByte only rejects < 0x20 and 0x7f.
  ['urn:a b', true, 'urn'],
  // parse: the query is cut at the first '?', leaving an empty opaque part.
  ['http:?x', true, 'http'],
  // parseHost -> validOptionalPort: ':' followed by digits.
  ['http://a:8080/p', true, 'http'],
  // validOptionalPort: only digits after ':' -> "invalid port".
  ['http://a:80x/p', false],
  // validOptionalPort: an empty port (":" alone) is valid.
  ['http://a:/p', true, 'http'],
  // parseHost: '[' at index 0, IPv6 literal, then ':' and digits.
  ['http://[::1]:8443/', true, 'http'],
  // parseHost: no ']' after '[' -> "missing ']' in host".
  ['http://[::1/', false],
  // parseHost: after ']' only an optional port may follow -> "invalid port".
  ['http://[::1]x/', false],
  // parseHost: netip.ParseAddr of the bracket contents; an IPv4 address -> "invalid IP-literal".
  ['http://[127.0.0.1]/', false],
  // parseHost: netip.ParseAddr fails on a name in brackets -> "invalid host".
  ['http://[example.com]/', false],
  // parseHost: the last '[' must be at index 0 -> "invalid IP-literal".
  ['http://a[::1]/', false],
  // parseHost: "%25" starts a zone, unescaped with encodeZone; ParseAddr accepts "fe80::1%en0".
  ['http://[fe80::1%25en0]:8080/', true, 'http'],
  // unescape(encodeZone): an escape may not stand for a byte that shouldEscape(encodeHost) rejects.
  ['http://[fe80::1%25%0A]/', false],
  // parseHost: an IPv4-mapped IPv6 address is not Is4, so it is allowed in brackets.
  ['http://[::ffff:192.0.2.1]/', true, 'http'],
  // parseHost: for http and https the port starts at the first ':' (strict colons) -> ":1:2" is invalid.
  ['http://a:1:2/', false],
  // parseHost: other schemes take the port from the last ':' (host lists such as databases use).
  ['mongodb://a:1,b:2/', true, 'mongodb'],
  // parseAuthority: the authority ends at '/', not at '#', so '#' reaches unescape(encodeHost).
  ['http://a#frag', false],
  // parse (viaRequest): no fragment is cut; '#' stays in the path, which setPath only unescapes.
  ['http://a/p#frag', true, 'http'],
  // setPath: the same for a path without a scheme.
  ['/p#frag', true, ''],
  // unescape(encodeHost): shouldEscape(' ', encodeHost) -> "invalid character in host name".
  ['http://a b/', false],
  // setPath -> unescape(encodePath): only escapes are checked, a space passes.
  ['http://a/b c', true, 'http'],
  // unescape: '%' must be followed by two hex digits -> "invalid URL escape".
  ['http://a/%zz', false],
  // unescape: a well-formed escape in the path.
  ['http://a/%41', true, 'http'],
  // unescape(encodeHost): escapes of bytes below 0x80 (other than %25) are refused in hosts.
  ['http://%41/', false],
  // unescape(encodeHost): escapes of bytes >= 0x80 are allowed in hosts.
  ['http://%C3%A9/', true, 'http'],
  // parseAuthority: userinfo before the last '@', split into user and password at ':'.
  ['http://user:pw@host/', true, 'http'],
  // validUserinfo: a space is not a userinfo character -> "invalid userinfo".
  ['http://us er@host/', false],
  // parseAuthority: the last '@' ends the userinfo; validUserinfo accepts '@'.
  ['http://a@b@c/', true, 'http'],
  // parse: the query is cut off and never checked.
  ['http://a?b=c d', true, 'http'],
  // stringContainsCTLByte: a control byte anywhere -> "invalid control character".
  ['http://a\u0007/', false],
  // parse: without a scheme, a request URI has no authority: "//host/path" is a path.
  ['//host/path', true, ''],
  // parse: a scheme and a single '/' give a path, no authority (OmitHost).
  ['http:/path', true, 'http'],
];

test('url(), isURL() and getScheme() follow Go url.ParseRequestURI', () => {
  assert.ok(TABLE.length >= 20);
  for (const [input, ok, scheme] of TABLE) {
    const r = goParseRequestUri(input);
    assert.equal(r.url !== undefined, ok, `${JSON.stringify(input)}: ${r.error ?? 'accepted'}`);
    if (ok) assert.equal(r.url?.scheme, scheme, JSON.stringify(input));
  }
});

test('the same answers through CEL: isURL() is ParseRequestURI, getScheme() its scheme', () => {
  const cel = new CelRuleCompiler();
  const isUrl = cel.compile({ rule: 'isURL(self)' });
  const scheme = cel.compile({ rule: 'url(self).getScheme() == "http"' });
  for (const [input, ok, s] of TABLE) {
    assert.equal(isUrl.evaluate(input).ok, ok, `isURL(${JSON.stringify(input)})`);
    if (ok) {
      assert.equal(scheme.evaluate(input).ok, s === 'http', `url(${JSON.stringify(input)}).getScheme()`);
    }
  }
});

test('url() also runs url.Parse, as urls.go does: "//a b/" passes isURL() but url() fails', () => {
  // ParseRequestURI: no scheme, so "//a b/" is a path (only escapes checked). url.Parse (not a
  // request, no "///") reads "a b" as the authority, and the space is an invalid host character.
  assert.ok(goParseRequestUri('//a b/').url);
  assert.match(goParseUrl('//a b/').error ?? '', /invalid character " " in host name/);
  const cel = new CelRuleCompiler();
  assert.equal(cel.compile({ rule: 'isURL(self)' }).evaluate('//a b/').ok, true);
  const r = cel.compile({ rule: 'url(self).getScheme() == ""' }).evaluate('//a b/');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : (r.error ?? ''), /URL parse error/);
  // url.Parse cuts the fragment first, then checks only its escapes (setFragment).
  assert.ok(goParseUrl('http://a/p#frag').url);
  assert.match(goParseUrl('http://a/p#%zz').error ?? '', /invalid URL escape/);
});

test('a CEL runtime error is reported as the evaluation error, naming the rule', () => {
  const diags = diagnose(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: a}
spec:
  host: a
  trafficPolicy:
    connectionPool:
      tcp:
        connectTimeout: "10"
`);
  const d = expectDiagnostic(diags, 'cel-evaluation-error', 8);
  assert.match(d.message, /could not be evaluated/);
  assert.match(d.message, /duration\(/);
});
