import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { ROUTE, runCases, VS, vs } from '../applyFix';

const JWT_ROUTE = `  http:
  - match:
    - headers:
        "@request.auth.claims.group":
          exact: admin
    route:
    - destination:
        host: reviews
`;

runCases([
  {
    code: 'vs-routes-required',
    what: 'a VirtualService without http, tcp or tls',
    valid: vs('  hosts: [reviews]\n' + ROUTE),
    invalid: vs('  hosts: [reviews]\n'),
    line: VS - 1,
    covers: 'spec',
  },
  {
    code: 'vs-delegate-top-level',
    what: 'gateways on a delegate VirtualService',
    valid: vs(ROUTE),
    invalid: vs('  gateways: [mesh]\n' + ROUTE),
    line: VS,
    covers: 'gateways',
    fixes: ['Remove gateways'],
  },
  {
    code: 'vs-host',
    what: 'a host with an underscore',
    valid: vs('  hosts: ["*.example.com", reviews, 10.0.0.1]\n' + ROUTE),
    invalid: vs('  hosts:\n  - reviews\n  - bad_host.com\n' + ROUTE),
    line: VS + 2,
    covers: 'bad_host.com',
  },
  {
    code: 'vs-mesh-wildcard-host',
    what: 'host "*" without gateways',
    valid: vs('  hosts: ["*"]\n  gateways: [istio-system/gw]\n' + ROUTE),
    invalid: vs('  hosts:\n  - "*"\n' + ROUTE),
    line: VS + 1,
    covers: '"*"',
  },
  {
    code: 'vs-duplicate-hosts',
    what: 'a host covered by an earlier wildcard',
    valid: vs('  hosts: [a.foo.com, b.foo.com]\n' + ROUTE),
    invalid: vs('  hosts:\n  - "*.foo.com"\n  - a.foo.com\n' + ROUTE),
    line: VS + 2,
    covers: 'a.foo.com',
  },
  {
    code: 'vs-gateway-name',
    what: 'a gateway with an empty name',
    valid: vs('  hosts: [reviews]\n  gateways: [istio-system/gw, mesh]\n' + ROUTE),
    invalid: vs('  hosts: [reviews]\n  gateways:\n  - istio-system/\n' + ROUTE),
    line: VS + 2,
    covers: 'istio-system/',
  },
  {
    code: 'vs-legacy-gateway-name',
    what: 'the name.namespace form',
    valid: vs('  hosts: [reviews]\n  gateways: [istio-system/gw]\n' + ROUTE),
    invalid: vs('  hosts: [reviews]\n  gateways:\n  - gw.istio-system\n' + ROUTE),
    line: VS + 2,
    covers: 'gw.istio-system',
    fixes: ['Use "istio-system/gw"'],
  },
  {
    code: 'vs-jwt-claim-route-not-gateway',
    what: 'a JWT claim match without gateways',
    valid: vs('  hosts: [reviews]\n  gateways: [istio-system/gw]\n' + JWT_ROUTE),
    invalid: vs('  hosts: [reviews]\n' + JWT_ROUTE),
    line: VS + 4,
    covers: '"@request.auth.claims.group"',
  },
  {
    code: 'vs-export-to',
    what: '"." repeated as the own namespace',
    valid: vs('  hosts: [reviews]\n  exportTo: [".", other]\n' + ROUTE),
    invalid: vs('  hosts: [reviews]\n  exportTo:\n  - "."\n  - prod\n' + ROUTE),
    line: VS + 3,
    covers: 'prod',
  },
]);

test('vs-gateway-name: checks match-level gateways too', () => {
  const text = vs(`  hosts: [reviews]
  http:
  - match:
    - gateways: [bad_ns/gw]
    route:
    - destination:
        host: reviews
`);
  expectDiagnostic(diagnose(text), 'vs-gateway-name', VS + 3, { text, covers: 'bad_ns/gw' });
});

test('vs-gateway-name: like Istio, stops checking after the first entry without "/"', () => {
  expectNone(
    diagnose(vs('  hosts: [reviews]\n  gateways: [mesh, "bad ns/x_y"]\n' + ROUTE)),
    'vs-gateway-name',
  );
});

test('vs-legacy-gateway-name: Istio drops the warning for HTTP match gateways', () => {
  const text = vs(`  hosts: [reviews]
  http:
  - match:
    - gateways: [gw.istio-system]
    route:
    - destination:
        host: reviews
`);
  expectNone(diagnose(text), 'vs-legacy-gateway-name');
});

test('vs-host: outbound_ SNI form is accepted on a gateway-bound VirtualService with SNI matches', () => {
  const text = vs(`  hosts: [outbound_.443_._.reviews.prod.svc.cluster.local]
  gateways: [istio-system/gw]
  tls:
  - match:
    - sniHosts: [outbound_.443_._.reviews.prod.svc.cluster.local]
    route:
    - destination:
        host: reviews
`);
  expectNone(diagnose(text));
});

test('vs-host: an all-digit last label is not a host (but a full IP is)', () => {
  const text = vs('  hosts: [foo.123]\n' + ROUTE);
  expectDiagnostic(diagnose(text), 'vs-host', VS, { text, covers: 'foo.123' });
});

test('vs-duplicate-hosts: not checked while another host is invalid', () => {
  expectNone(diagnose(vs('  hosts: [a.com, a.com, bad_host]\n' + ROUTE)), 'vs-duplicate-hosts');
});

test('vs-export-to: "~" and "*" mixed with others are rejected', () => {
  const none = vs('  hosts: [reviews]\n  exportTo:\n  - "~"\n' + ROUTE);
  expectDiagnostic(diagnose(none), 'vs-export-to', VS + 2, { text: none, covers: '"~"' });
  const mixed = vs('  hosts: [reviews]\n  exportTo:\n  - "*"\n  - other\n' + ROUTE);
  expectDiagnostic(diagnose(mixed), 'vs-export-to', VS + 2, { text: mixed, covers: '"*"' });
});
