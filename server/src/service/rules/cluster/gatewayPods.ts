import type { Resource } from '../../workspace/summary';
import { selectorLabels } from '../workspace/refs';
import type { WorkspaceRuleContext } from '../workspace/rule';

/** An Istio Gateway's selector labels, or undefined when it has none. */
export function gatewaySelector(gw: Resource): Record<string, string> | undefined {
  if (gw.group !== 'networking.istio.io') return undefined;
  return selectorLabels({ s: { l: gw.spec?.selector } }, 's', 'l');
}

/** The workloads (cluster pods, workspace pod templates) a Gateway's selector picks, in any namespace. */
export function gatewayWorkloads(ctx: WorkspaceRuleContext, gw: Resource): Resource[] | undefined {
  const labels = gatewaySelector(gw);
  if (!labels) return undefined;
  const found = ctx.resolver.workloads(undefined, labels);
  return found.status === 'found' ? found.targets : undefined;
}
