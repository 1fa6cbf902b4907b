import type { Rule } from '../rule';
import { localitySettingsOf } from '../shared/locality';
import { drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, list } from '../shared/values';

export const failoverWithoutOutlierDetection: Rule = {
  code: 'dr-failover-without-outlier-detection',
  severity: 'warning',
  kinds: ['DestinationRule'],
  title: 'Locality failover without outlierDetection',
  explanation: [
    'Locality failover (`localityLbSetting.failover` or `failoverPriority`) only moves traffic away from unhealthy endpoints, and Envoy learns which endpoints are unhealthy through outlier detection. Without `outlierDetection` in the same traffic policy, failover never happens. Istio accepts the DestinationRule but warns ("outlier detection policy must be provided for failover").',
    '',
    'Add `outlierDetection` next to `loadBalancer`, for example `outlierDetection: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s}`.',
  ].join('\n'),
  check(ctx) {
    for (const l of localitySettingsOf(drSpecOf(ctx))) {
      if (l.outlier !== undefined && l.outlier !== null) continue;
      const field = list(l.value.failover).length
        ? 'failover'
        : list(l.value.failoverPriority).length
          ? 'failoverPriority'
          : undefined;
      if (!field) continue;
      const at = [...l.path, field];
      ctx.report(
        at,
        `${fieldPath(at)}: failover needs outlierDetection in the same traffic policy to detect unhealthy endpoints; without it, traffic never fails over.`,
      );
    }
  },
};
