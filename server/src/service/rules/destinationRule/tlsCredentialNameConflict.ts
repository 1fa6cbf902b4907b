import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

const FILE_FIELDS = ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'];

export const tlsCredentialNameConflict: Rule = {
  code: 'dr-tls-credential-name-conflict',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'credentialName together with certificate files',
  explanation: [
    'In `SIMPLE` and `MUTUAL` mode, `tls.credentialName` loads the certificates, key and CA from a Kubernetes Secret. Istio rejects the DestinationRule when it also sets `clientCertificate`, `privateKey`, `caCertificates` or `caCrl` ("cannot specify client certificates or CA certificate or CA CRL If credentialName is set"): the two sources would compete.',
    '',
    'Put everything in the Secret and remove the file fields, or remove `credentialName` and use files only.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'tls')) {
      const mode = b.value.mode;
      const cred = b.value.credentialName;
      if ((mode !== 'SIMPLE' && mode !== 'MUTUAL') || typeof cred !== 'string' || cred === '') continue;
      for (const f of FILE_FIELDS) {
        const v = b.value[f];
        if (typeof v !== 'string' || v === '') continue;
        const at = [...b.path, f];
        ctx.report(
          at,
          `${fieldPath(at)} cannot be set together with credentialName; the Secret named by credentialName provides the certificates.`,
          {
            related: [{ path: [...b.path, 'credentialName'], message: 'credentialName is set here' }],
            fixes: [removeFieldFix(ctx, at, `Remove ${f}`)],
          },
        );
      }
    }
  },
};
