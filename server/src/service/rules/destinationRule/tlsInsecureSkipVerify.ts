import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, isSet, nonEmptyList } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const tlsInsecureSkipVerify: Rule = {
  code: 'dr-tls-insecure-skip-verify',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Server verification settings with insecureSkipVerify',
  explanation: [
    '`tls.insecureSkipVerify: true` turns off verification of the server certificate, so settings that only serve that verification make no sense. Istio rejects them ("cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true"):',
    '',
    '- in `SIMPLE` mode: `caCertificates`, `credentialName` and `subjectAltNames`;',
    '- in `MUTUAL` mode: `caCertificates` and `subjectAltNames` (`credentialName` stays, as it also holds the client certificate).',
    '',
    'Remove those fields, or remove `insecureSkipVerify` to verify the server.',
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'tls')) {
      if (b.value.insecureSkipVerify !== true) continue;
      const mode = b.value.mode;
      const fields =
        mode === 'SIMPLE'
          ? ['caCertificates', 'credentialName', 'subjectAltNames']
          : mode === 'MUTUAL'
            ? ['caCertificates', 'subjectAltNames']
            : [];
      for (const f of fields) {
        const set =
          f === 'subjectAltNames' ? nonEmptyList(b.value, f) : isSet(b.value, f) && b.value[f] !== '';
        if (!set) continue;
        const at = [...b.path, f];
        ctx.report(
          at,
          `${fieldPath(at)} cannot be set in ${String(mode)} mode when insecureSkipVerify is true.`,
          {
            related: [
              { path: [...b.path, 'insecureSkipVerify'], message: 'insecureSkipVerify is true here' },
            ],
            fixes: [
              removeFieldFix(ctx, at, `Remove ${f}`),
              removeFieldFix(ctx, [...b.path, 'insecureSkipVerify'], 'Remove insecureSkipVerify', false),
            ],
          },
        );
      }
    }
  },
};
