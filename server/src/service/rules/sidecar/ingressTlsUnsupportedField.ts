import type { Rule } from '../rule';
import { removeFieldFix } from '../shared/safeEdits';
import { list } from '../shared/values';
import { ingressTls, KIND } from './listeners';

const FIELDS: [string, (v: unknown) => boolean][] = [
  ['subjectAltNames', (v) => list(v).length > 0],
  ['httpsRedirect', (v) => v === true],
  ['credentialName', (v) => typeof v === 'string' && v !== ''],
  ['credentialNames', (v) => list(v).length > 0],
  ['tlsCertificates', (v) => list(v).length > 0],
];

export const ingressTlsUnsupportedField: Rule = {
  code: 'sc-ingress-tls-unsupported-field',
  severity: 'error',
  kinds: [KIND],
  title: 'TLS field a Sidecar ingress cannot use',
  explanation: [
    "Sidecar ingress TLS is terminated by the workload's own proxy with certificate files mounted into the pod. Istio rejects `subjectAltNames`, `httpsRedirect`, `credentialName`, `credentialNames` and `tlsCertificates` there.",
    '',
    'Use `serverCertificate`, `privateKey` (and `caCertificates` for MUTUAL) with paths to the mounted files.',
  ].join('\n'),
  check(ctx) {
    for (const at of ingressTls(ctx.value)) {
      for (const [field, isSet] of FIELDS) {
        if (!isSet(at.tls[field])) continue;
        const path = [...at.path, field];
        ctx.report(path, `${field} is not supported in Sidecar ingress tls.`, {
          fixes: [removeFieldFix(ctx, path, `Remove ${field}`, true)],
        });
      }
    }
  },
};
