/** Shared by IST0153 and IST0154: a patch operation that does not apply to route configuration. */
import type { RuleContext } from '../rule';
import { list, obj } from '../shared/values';

/** applyTo values where Envoy route configuration is patched in place; ADD and REMOVE do not apply. */
const ROUTE_TARGETS = ['ROUTE_CONFIGURATION', 'HTTP_ROUTE'];

export function checkRoutePatch(ctx: RuleContext, operation: 'ADD' | 'REMOVE'): void {
  list(obj(ctx.value.spec)?.configPatches).forEach((p, i) => {
    const patch = obj(p);
    const applyTo = patch?.applyTo;
    if (typeof applyTo !== 'string' || !ROUTE_TARGETS.includes(applyTo)) return;
    if (obj(patch?.patch)?.operation !== operation) return;
    ctx.report(
      ['spec', 'configPatches', i, 'patch', 'operation'],
      operation === 'ADD'
        ? `operation ADD has no effect with applyTo ${applyTo}; use MERGE to change it.`
        : `operation REMOVE cannot be used with applyTo ${applyTo}.`,
      { on: 'value' },
    );
  });
}
