import type { Resource } from '../../workspace/summary';
import { obj } from '../shared/values';
import { describeLabels, selectorLabels } from '../workspace/refs';
import type { WorkspaceRule } from '../workspace/rule';
import { connectedCluster, synced } from './cluster';

const GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';
const KINDS = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];

/**
 * IST0166: a policy uses `selector` where it matches the pods of a Gateway API gateway (they carry
 * `gateway.networking.k8s.io/gateway-name`); such gateways are addressed with `targetRef(s)`.
 */
export const ineffectiveSelector: WorkspaceRule = {
  id: 'selector-on-gateway-api-pod',
  code: 'IST0166',
  severity: 'warning',
  reads: [...KINDS, 'Pod'],
  title: 'A policy selector matches a Gateway API gateway pod',
  explanation:
    'Policies for a gateway deployed from a Gateway API Gateway are attached with `targetRef` (or `targetRefs`) naming that Gateway; a `selector` that happens to match its pods is not the supported way to attach them. Replace the selector with a targetRef.',
  check(ctx) {
    const c = connectedCluster(ctx);
    if (!c || !synced(c, 'Pod')) return;
    for (const kind of KINDS)
      for (const p of ctx.subjects(kind)) {
        const spec = p.spec;
        if (spec?.targetRef !== undefined || spec?.targetRefs !== undefined || !obj(spec?.selector)) continue;
        const labels = selectorLabels(spec, 'selector', 'matchLabels') ?? {};
        const pod = c.view
          .list('Pod', p.namespace)
          .find(
            (x) =>
              x.labels[GATEWAY_NAME] !== undefined &&
              Object.entries(labels).every(([k, v]) => x.labels[k] === v),
          );
        if (!pod) continue;
        report(ctx, p, pod.name, pod.labels[GATEWAY_NAME], labels, c.view.context ?? '');
      }
  },
};

function report(
  ctx: Parameters<WorkspaceRule['check']>[0],
  p: Resource,
  pod: string,
  gateway: string,
  labels: Record<string, string>,
  context: string,
): void {
  const path = ['spec', 'selector'];
  ctx.report(
    p,
    path,
    `the selector matches pods of Gateway API gateway "${gateway}"; attach to it with targetRefs instead`,
    {
      related: [
        {
          resource: p,
          path,
          message: `pod ${p.namespace}/${pod} has ${GATEWAY_NAME}=${gateway}${Object.keys(labels).length ? ` and ${describeLabels(labels)}` : ''} (cluster ${context})`,
        },
      ],
    },
  );
}
