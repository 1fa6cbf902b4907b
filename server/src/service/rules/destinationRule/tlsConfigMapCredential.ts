import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, namespaceOf } from '../shared/values';

const PREFIX = 'configmap://';

export const tlsConfigMapCredential: Rule = {
  code: 'dr-tls-configmap-credential',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: "configmap:// credentialName outside the rule's namespace",
  explanation: [
    'A `tls.credentialName` of the form `configmap://<namespace>/<name>` reads the CA bundle from a ConfigMap. Istio rejects the DestinationRule unless both parts are present and the namespace is the DestinationRule\'s own namespace ("invalid configmap:// credentialName"): a rule may not read ConfigMaps from other namespaces.',
    '',
    'Write `configmap://<this namespace>/<configmap name>`, and create the ConfigMap in this namespace.',
  ].join('\n'),
  check(ctx) {
    const ns = namespaceOf(ctx.value);
    for (const b of blocksOf(drSpecOf(ctx), 'tls')) {
      const cred = b.value.credentialName;
      if (typeof cred !== 'string' || !cred.startsWith(PREFIX)) continue;
      const at = [...b.path, 'credentialName'];
      const parts = cred.slice(PREFIX.length).split('/');
      if (parts.length < 2 || parts[0] === '' || parts[1] === '') {
        ctx.report(
          at,
          `${fieldPath(at)}: "${cred}" must have the form configmap://<namespace>/<name>, with both parts set.`,
          { on: 'value' },
        );
      } else if (ns !== undefined && parts[0] !== ns) {
        ctx.report(
          at,
          `${fieldPath(at)}: the ConfigMap namespace "${parts[0]}" must be the DestinationRule's own namespace "${ns}".`,
          {
            on: 'value',
            fixes: [
              ctx.fix.replaceValue(at, `${PREFIX}${ns}/${parts.slice(1).join('/')}`, `Use namespace ${ns}`),
            ],
          },
        );
      }
    }
  },
};
