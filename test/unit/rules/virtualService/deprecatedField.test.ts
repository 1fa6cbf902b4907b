import { runCases, VS, vs } from '../applyFix';
import { sc } from '../sidecar/sc';

const faultRoute = (delay: string): string =>
  '  hosts: [reviews]\n  http:\n  - fault:\n      delay:\n        fixedDelay: 5s\n' +
  delay +
  '    route:\n    - destination:\n        host: reviews\n';

runCases([
  {
    code: 'IST0002',
    what: 'the deprecated integer fault.delay.percent',
    valid: vs(faultRoute('        percentage:\n          value: 10\n')),
    // 0 hosts, 1 http, 2 - fault, 3 delay, 4 fixedDelay, 5 percent
    invalid: vs(faultRoute('        percent: 10\n')),
    line: VS + 5,
    covers: 'percent',
  },
  {
    code: 'IST0002',
    what: 'a Sidecar egressProxy',
    valid: sc('  outboundTrafficPolicy:\n    mode: ALLOW_ANY\n'),
    invalid: sc(
      '  outboundTrafficPolicy:\n    mode: ALLOW_ANY\n    egressProxy:\n      host: proxy.example.com\n      port:\n        number: 3128\n',
    ),
    // spec body from line 6: 6 outboundTrafficPolicy, 7 mode, 8 egressProxy
    line: 8,
    covers: 'egressProxy',
  },
]);
