import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goParseRequestUri } from '../../../server/src/service/cel/kubernetesLibrary';
import { diagnose, expectDiagnostic } from '../helpers';

/**
 * Go's url.ParseRequestURI, as read in src/net/url/url.go (parse with viaRequest=true, getScheme,
 * parseAuthority, parseHost, validOptionalPort, unescape, shouldEscape). Each row: the input, whether
 * Go accepts it, and the scheme Go reports (lower-cased by parse).
 */
const TABLE: [string, boolean, string?][] = [
  ['https://example.com/path', true, 'https'],
  ['HTTP://Example.com', true, 'http'], // parse lower-cases the scheme
  ['/absolute/path', true, ''],
  ['*', true, ''], // the one non-path request target
  ['', false], // "empty url"
  ['relative/path', false], // "invalid URI for request"
  [':foo', false], // getScheme: "missing protocol scheme"
  ['1http://a', false], // a digit first: no scheme, not a path
  ['mailto:someone@example.com', true, 'mailto'], // opaque, not checked further
  ['urn:a b', true, 'urn'], // opaque: spaces are not looked at
  ['http:?x', true, 'http'], // query cut, empty opaque rest
  ['http://a:8080/p', true, 'http'],
  ['http://a:80x/p', false], // validOptionalPort: digits only
  ['http://a:/p', true, 'http'], // an empty port is valid
  ['http://[::1]:8443/', true, 'http'],
  ['http://[::1/', false], // "missing ']' in host"
  ['http://[::1]x/', false], // junk after ']' is an invalid port
  ['http://a#frag', false], // the authority ends at '/', so '#' is in the host
  ['http://a/p#frag', true, 'http'], // a request URI has no fragment: '#' stays in the path
  ['/p#frag', true, ''],
  ['http://a b/', false], // space in host
  ['http://a/b c', true, 'http'], // path escapes are checked, spaces are not
  ['http://a/%zz', false], // invalid escape in path
  ['http://a/%41', true, 'http'],
  ['http://%41/', false], // in hosts only %25 and escapes of bytes >= 0x80
  ['http://%C3%A9/', true, 'http'],
  ['http://user:pw@host/', true, 'http'],
  ['http://us er@host/', false], // validUserinfo
  ['http://a@b@c/', true, 'http'], // the last '@' ends the userinfo; '@' is valid in userinfo
  ['http://a?b=c d', true, 'http'], // the query is not checked
  ['http://a\u0007/', false], // control characters anywhere
  ['//host/path', true, ''], // no scheme: no authority, just a path
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
