import { WORKLOAD_KINDS } from '../../workspace/summary';
import { selectorLabels } from './refs';
import type { WorkspaceRule } from './rule';
import { checkSelector } from './selectorNoWorkload';

/** IST0127: an AuthorizationPolicy selector that matches no workload. */
export const authorizationPolicyNoWorkload: WorkspaceRule = {
  id: 'ap-no-matching-workload',
  code: 'IST0127',
  severity: 'warning',
  reads: ['AuthorizationPolicy', ...WORKLOAD_KINDS],
  title: 'An AuthorizationPolicy selector matches no workload',
  explanation:
    'An AuthorizationPolicy applies to the workloads its selector matches, in its namespace (in the whole mesh from the root namespace). When none matches, the policy protects nothing. Fix the labels.',
  check(ctx) {
    const root = ctx.resolver.mesh.rootNamespace;
    for (const ap of ctx.each('AuthorizationPolicy'))
      checkSelector(
        ctx,
        ap,
        selectorLabels(ap.spec, 'selector', 'matchLabels'),
        ['spec', 'selector', 'matchLabels'],
        ap.namespace === root,
        (w) => `the selector matches no workload in ${w}`,
      );
  },
};

/** IST0101 (selector): a Gateway selector that matches no gateway workload (Kiali checks this too). */
export const gatewaySelectorNoWorkload: WorkspaceRule = {
  id: 'gateway-selector-no-workload',
  code: 'IST0101',
  severity: 'error',
  reads: ['Gateway', ...WORKLOAD_KINDS],
  title: 'A Gateway selector matches no gateway workload',
  explanation:
    'A Gateway configures the gateway pods its selector matches, in any namespace. When none matches, no gateway serves it. Fix the labels (for example `istio: ingressgateway`).',
  check(ctx) {
    for (const gw of ctx.each('Gateway')) {
      if (gw.group !== 'networking.istio.io') continue;
      const labels = selectorLabels({ s: { l: gw.spec?.selector } }, 's', 'l');
      checkSelector(
        ctx,
        gw,
        labels,
        ['spec', 'selector'],
        true,
        (w) => `the selector matches no workload in ${w}`,
      );
    }
  },
};
