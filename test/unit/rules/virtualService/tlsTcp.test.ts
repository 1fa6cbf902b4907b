import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { runCases, VS, vs } from '../applyFix';

const HEAD = '  hosts: ["*.example.com"]\n  gateways: [istio-system/gw]\n  tls:\n';
const TO_A = '    route:\n    - destination:\n        host: a\n';
/** A TLS route (line VS + 3) whose match list is `match`, routed to host a. */
const tls = (match: string, route = TO_A): string => vs(`${HEAD}  - match:\n${match}${route}`);
/** 4 - port, 5 sniHosts, 6 the SNI host. */
const sni = (host: string): string => `    - port: 443\n      sniHosts:\n      - ${host}\n`;

const TCP = (match: string, route = '    route:\n    - destination:\n        host: db\n'): string =>
  vs(`  hosts: [db]\n  tcp:\n  - match:\n${match}${route}`);

runCases([
  {
    code: 'vs-tls-match-required',
    what: 'an empty match list',
    valid: tls(sni('a.example.com')),
    invalid: vs(`${HEAD}  - match: []\n${TO_A}`),
    line: VS + 3,
    covers: 'match',
  },
  {
    code: 'vs-tls-sni-hosts-required',
    what: 'a match without SNI hosts',
    valid: tls(sni('a.example.com')),
    invalid: tls('    - port: 443\n      sniHosts: []\n'),
    line: VS + 5,
    covers: 'sniHosts',
  },
  {
    code: 'vs-sni-host',
    what: 'an SNI host with an underscore',
    valid: tls(sni('"*.example.com"')),
    invalid: tls(sni('bad_host.example.com')),
    line: VS + 6,
    covers: 'bad_host.example.com',
  },
  {
    code: 'vs-sni-host-ip',
    what: 'an IP as SNI host',
    valid: tls(sni('a.example.com')),
    invalid: tls(sni('10.0.0.1')),
    line: VS + 6,
    covers: '10.0.0.1',
  },
  {
    code: 'vs-sni-host-not-in-hosts',
    what: 'an SNI host outside the VirtualService hosts',
    valid: tls(sni('a.example.com')),
    invalid: tls(sni('a.other.com')),
    line: VS + 6,
    covers: 'a.other.com',
  },
  {
    code: 'vs-tls-route-required',
    what: 'a TLS route without destinations',
    valid: tls(sni('a.example.com')),
    invalid: tls(sni('a.example.com'), ''),
    line: VS + 3,
    covers: 'match',
  },
  {
    code: 'vs-destination-subnet',
    what: 'a CIDR with a 33-bit prefix',
    valid: TCP('    - destinationSubnets: [10.0.0.0/8, 192.168.1.1, "2001:db8::/32"]\n'),
    invalid: TCP('    - destinationSubnets:\n      - 10.0.0.0/33\n'),
    line: VS + 4,
    covers: '10.0.0.0/33',
  },
  {
    code: 'vs-tcp-route-required',
    what: 'an empty TCP route list',
    valid: TCP('    - port: 5432\n'),
    invalid: TCP('    - port: 5432\n', '    route: []\n'),
    line: VS + 4,
    covers: 'route',
  },
]);

test('vs-sni-host-not-in-hosts: a wildcard SNI host must be covered by a wider wildcard', () => {
  const text = vs(
    `  hosts: ["a.example.com"]\n  gateways: [istio-system/gw]\n  tls:\n  - match:\n${sni('"*.example.com"')}${TO_A}`,
  );
  expectDiagnostic(diagnose(text), 'vs-sni-host-not-in-hosts', VS + 6, { text, covers: '"*.example.com"' });
});

test('vs-sni-host-ip: an IP SNI host is only a warning, not an error', () => {
  const d = diagnose(tls(sni('10.0.0.1')));
  expectNone(d, 'vs-sni-host', 'vs-sni-host-not-in-hosts');
});

test('vs-legacy-gateway-name: TLS match gateways keep the warning', () => {
  const text = vs(
    `${HEAD}  - match:\n    - sniHosts: [a.example.com]\n      gateways:\n      - gw.istio-system\n${TO_A}`,
  );
  expectDiagnostic(diagnose(text), 'vs-legacy-gateway-name', VS + 6, { text, covers: 'gw.istio-system' });
});
