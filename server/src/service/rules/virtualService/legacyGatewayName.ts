import type { Rule } from '../rule';
import { gatewayLists, gatewayNameProblems } from '../shared/gatewayNames';
import { specOf } from '../shared/virtualServiceParts';
import { fieldPath } from '../shared/values';

export const legacyGatewayName: Rule = {
  code: 'vs-legacy-gateway-name',
  severity: 'warning',
  kinds: ['VirtualService'],
  title: 'Gateway referenced in the legacy name.namespace form',
  explanation: [
    'A gateway is referenced as `name.namespace` (or a longer DNS-style name). Istio still accepts this legacy form but warns ("using legacy gatewayName format ...; prefer the <namespace>/<name> format"). The dotted form is ambiguous: a dot can be part of a name, and it reads like a host name.',
    '',
    'Write the reference as `<namespace>/<name>`, for example `istio-system/my-gateway` instead of `my-gateway.istio-system`. The quick fix does this.',
    '',
    'Istio only warns for `spec.gateways` and TLS match gateways; for HTTP and TCP match gateways it drops the warning, and so does this check.',
  ].join('\n'),
  check(ctx) {
    for (const { names, path, kind } of gatewayLists(specOf(ctx))) {
      if (kind === 'http' || kind === 'tcp') continue;
      for (const p of gatewayNameProblems(names)) {
        if (!p.recommended) continue;
        const at = [...path, p.index];
        const name = (names as unknown[])[p.index] as string;
        // Offer the rewrite only when both parts exist ("gw." or ".ns" have none).
        ctx.report(
          at,
          `${fieldPath(at)}: "${name}" uses the legacy name.namespace form; prefer <namespace>/<name>: "${p.recommended}".`,
          {
            on: 'value',
            fixes: /^[^/]+\/[^/]+$/.test(p.recommended)
              ? [ctx.fix.replaceValue(at, p.recommended, `Use "${p.recommended}"`)]
              : undefined,
          },
        );
      }
    }
  },
};
