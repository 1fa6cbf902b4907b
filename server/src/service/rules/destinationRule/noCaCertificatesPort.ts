import type { Rule } from '../rule';
import { checkCaCertificates } from '../shared/caCertificates';
import { list, obj } from '../shared/values';

export const noCaCertificatesPort: Rule = {
  code: 'IST0129',
  severity: 'warning',
  kinds: ['DestinationRule'],
  title: 'Port-level TLS without CA certificates (NoServerCertificateVerificationPortLevel)',
  explanation: [
    'The same as IST0128, for an entry of `trafficPolicy.portLevelSettings`: with `tls.mode` `SIMPLE` or `MUTUAL` and no `caCertificates`, the certificate the server presents on that port is not verified.',
    '',
    'Set `caCertificates` on the entry, or use `credentialName` on a DestinationRule with a `workloadSelector`. Only the top-level traffic policy is checked, as `istioctl analyze` does; subsets are not.',
  ].join('\n'),
  check(ctx) {
    const tp = obj(obj(ctx.value.spec)?.trafficPolicy);
    list(tp?.portLevelSettings).forEach((p, i) => {
      const entry = obj(p);
      checkCaCertificates(
        ctx,
        obj(entry?.tls),
        ['spec', 'trafficPolicy', 'portLevelSettings', i, 'tls'],
        entry?.port,
      );
    });
  },
};
