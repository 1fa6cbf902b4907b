import type { Rule } from '../rule';
import { reportPatches } from './patchOperations';

export const relativeWithProxyVersion: Rule = {
  code: 'IST0155',
  severity: 'warning',
  kinds: ['EnvoyFilter'],
  title:
    'Relative patch operation without a priority, after a proxyVersion match (EnvoyFilterUsesRelativeOperationWithProxyVersion)',
  explanation: [
    'The same problem as IST0151 (a relative operation in an EnvoyFilter without `priority`), made worse: an earlier patch for the same filter name applies only to proxies whose version matches `match.proxy.proxyVersion`. While proxies are upgraded, some have that patch and some do not, so the relative patch can find its target on some proxies and miss it on others.',
    '',
    'Set `spec.priority`, or use an absolute operation such as `INSERT_FIRST` or `ADD`.',
    '',
    'Here only the patches of the same EnvoyFilter are compared; `istioctl analyze` also counts proxyVersion matches in EnvoyFilters it read before this one.',
  ].join('\n'),
  check: (ctx) =>
    reportPatches(ctx, 'IST0155', (v) => {
      const filter = v.name ? `filter ${v.name}` : 'the same filter';
      return `operation ${v.operation} is relative, this EnvoyFilter sets no priority, and an earlier patch for ${filter} matches on proxyVersion: the patch may not be applied during an upgrade. Set spec.priority, or use INSERT_FIRST or ADD.`;
    }),
};
