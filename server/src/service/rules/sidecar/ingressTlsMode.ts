import type { Rule } from '../rule';
import { ingressTls, KIND } from './listeners';

export const ingressTlsMode: Rule = {
  code: 'sc-ingress-tls-mode',
  severity: 'error',
  kinds: [KIND],
  title: 'TLS mode a Sidecar ingress cannot use',
  explanation: [
    "Sidecar ingress TLS settings describe how the sidecar terminates TLS for the application with user-provided certificates. `ISTIO_MUTUAL` (Istio's own mTLS, configured with PeerAuthentication) and `AUTO_PASSTHROUGH` (a gateway-only mode) are rejected there. Use SIMPLE, MUTUAL or OPTIONAL_MUTUAL.",
  ].join('\n'),
  check(ctx) {
    for (const at of ingressTls(ctx.value)) {
      const mode = at.tls.mode;
      if (mode !== 'ISTIO_MUTUAL' && mode !== 'AUTO_PASSTHROUGH') continue;
      ctx.report([...at.path, 'mode'], `mode ${mode} cannot be used in Sidecar ingress tls.`, {
        on: 'value',
      });
    }
  },
};
