import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { DR, dr, runCases } from '../applyFix';

/** host, then a trafficPolicy (key on line DR + 1) holding `tp`. */
const policy = (tp: string): string => dr(`  host: reviews\n  trafficPolicy:\n${tp}`);
const TUNNEL =
  '    tunnel:\n      protocol: CONNECT\n      targetHost: egress.example.com\n      targetPort: 8443\n';

runCases([
  {
    code: 'dr-traffic-policy-empty',
    what: 'an empty trafficPolicy',
    valid: policy('    loadBalancer:\n      simple: ROUND_ROBIN\n'),
    invalid: dr('  host: reviews\n  trafficPolicy: {}\n'),
    line: DR + 1,
    covers: 'trafficPolicy',
    fixes: ['Remove trafficPolicy'],
  },
  {
    code: 'dr-tunnel-with-proxy-protocol',
    what: 'tunnel with proxyProtocol',
    valid: policy(TUNNEL),
    // 2 tunnel ... 6 proxyProtocol
    invalid: policy(TUNNEL + '    proxyProtocol:\n      version: V2\n'),
    line: DR + 2,
    covers: 'tunnel',
    fixes: ['Remove tunnel', 'Remove proxyProtocol'],
  },
  {
    code: 'dr-tunnel-protocol',
    what: 'a lower-case protocol',
    valid: policy(TUNNEL),
    invalid: policy(
      '    tunnel:\n      protocol: post\n      targetHost: egress.example.com\n      targetPort: 8443\n',
    ),
    line: DR + 3,
    covers: 'post',
    fixes: ['Use POST'],
  },
  {
    code: 'dr-tunnel-target-host',
    what: 'a wildcard target host',
    valid: policy('    tunnel:\n      targetHost: 192.168.1.10\n      targetPort: 8443\n'),
    invalid: policy('    tunnel:\n      targetHost: "*.example.com"\n      targetPort: 8443\n'),
    line: DR + 3,
    covers: '"*.example.com"',
  },
  {
    code: 'dr-tunnel-target-port',
    what: 'target port 0',
    valid: policy(TUNNEL),
    invalid: policy('    tunnel:\n      targetHost: egress.example.com\n      targetPort: 0\n'),
    line: DR + 4,
    covers: '0',
  },
  {
    code: 'dr-port-level-port-required',
    what: 'a port-level entry without port',
    valid: policy(
      '    portLevelSettings:\n    - port:\n        number: 8080\n      loadBalancer:\n        simple: RANDOM\n',
    ),
    invalid: policy('    portLevelSettings:\n    - loadBalancer:\n        simple: RANDOM\n'),
    line: DR + 3,
    covers: 'loadBalancer',
  },
  {
    code: 'dr-port-traffic-policy-empty',
    what: 'a port-level entry with only a port',
    valid: policy(
      '    portLevelSettings:\n    - port:\n        number: 8080\n      tls:\n        mode: ISTIO_MUTUAL\n',
    ),
    invalid: policy('    portLevelSettings:\n    - port:\n        number: 8080\n'),
    line: DR + 3,
    covers: 'port',
  },
]);

test('dr-traffic-policy-empty: subset policies are checked too, and retryBudget counts as a field', () => {
  const text = dr('  host: reviews\n  subsets:\n  - name: v1\n    trafficPolicy: {}\n');
  expectDiagnostic(diagnose(text), 'dr-traffic-policy-empty', DR + 3, { text, covers: 'trafficPolicy' });
  expectNone(diagnose(policy('    retryBudget:\n      percent: 20\n')));
});
