import type { Rule } from '../rule';
import { isJwtClaimHeader } from '../shared/headers';
import { appliesToGateway, matchesOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const jwtClaimRouteWithoutGateway: Rule = {
  code: 'vs-jwt-claim-route-not-gateway',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'JWT claim routing on a VirtualService that applies to the mesh',
  explanation: [
    'A match uses a header of the form `@request.auth.claims.<claim>` (or `@request.auth.claims[<claim>]`) to route on a JWT claim. Istio only supports this on gateways, and rejects it when the VirtualService applies to the mesh ("JWT claim based routing ... is only supported for gateway"), that is when `gateways` is empty or lists `mesh`.',
    '',
    'Bind the VirtualService to the ingress gateway that validates the token (with a RequestAuthentication), for example `gateways: [istio-system/my-gateway]`, or route on a regular request header instead.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec || appliesToGateway(spec)) return;
    for (const r of routesOf(spec, 'http')) {
      for (const m of matchesOf(r)) {
        for (const field of ['headers', 'withoutHeaders']) {
          for (const name of Object.keys(obj(m.value[field]) ?? {})) {
            if (!isJwtClaimHeader(name)) continue;
            const at = [...m.path, field, name];
            ctx.report(
              at,
              `${fieldPath(at)}: routing on the JWT claim "${name}" is only supported for gateways, but this VirtualService applies to the mesh (no gateways, or "mesh" among them).`,
            );
          }
        }
      }
    }
  },
};
