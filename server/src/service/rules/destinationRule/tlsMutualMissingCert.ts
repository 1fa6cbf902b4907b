import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath } from '../shared/values';

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';

export const tlsMutualMissingCert: Rule = {
  code: 'dr-tls-mutual-missing-cert',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'MUTUAL TLS without a client certificate or key',
  explanation: [
    '`tls.mode: MUTUAL` presents a client certificate to the server. Without `credentialName`, the certificate and key come from files, so Istio requires both `clientCertificate` and `privateKey` ("client certificate required for mutual tls", "private key required for mutual tls").',
    '',
    "Set `credentialName` to a Secret holding the certificate and key, or set both file paths. For Istio's own mTLS between sidecars, use `mode: ISTIO_MUTUAL` instead.",
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'tls')) {
      if (b.value.mode !== 'MUTUAL' || nonEmpty(b.value.credentialName)) continue;
      const missing = ['clientCertificate', 'privateKey'].filter((f) => !nonEmpty(b.value[f]));
      if (missing.length === 0) continue;
      const at = [...b.path, 'mode'];
      ctx.report(
        at,
        `${fieldPath(b.path)}: MUTUAL mode without credentialName requires ${missing.join(' and ')}.`,
        { on: 'value' },
      );
    }
  },
};
