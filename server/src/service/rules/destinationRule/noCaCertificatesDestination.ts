import type { Rule } from '../rule';
import { checkCaCertificates } from '../shared/caCertificates';
import { obj } from '../shared/values';

export const noCaCertificatesDestination: Rule = {
  code: 'IST0128',
  severity: 'warning',
  kinds: ['DestinationRule'],
  title: 'TLS without CA certificates (NoServerCertificateVerificationDestinationLevel)',
  explanation: [
    'With `trafficPolicy.tls.mode` `SIMPLE` or `MUTUAL` and no `caCertificates`, the sidecar opens TLS to the server but has no CA to check the server certificate against, so it does not verify who it talks to. `istioctl analyze` warns about it.',
    '',
    'Set `caCertificates` to the CA bundle that signed the server certificate. With `credentialName`, the CA can come from the Secret instead, but only on a DestinationRule with a `workloadSelector`: without one the warning stays.',
  ].join('\n'),
  check(ctx) {
    const tp = obj(obj(ctx.value.spec)?.trafficPolicy);
    checkCaCertificates(ctx, obj(tp?.tls), ['spec', 'trafficPolicy', 'tls']);
  },
};
