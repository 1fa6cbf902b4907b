/**
 * Factory for the field conflicts of validateHTTPRouteConflict: two fields of one HTTP route that
 * cannot be set together. The finding sits on the first field's key, points at the second, and
 * offers to remove either.
 */
import type { Rule, RuleContext } from '../rule';
import { isDelegateVs, routesOf, specOf } from './virtualServiceParts';
import { fieldPath, isSet, nonEmptyList, type Obj } from './values';
import { removeFieldFix } from './safeEdits';

/** Whether Go sees the field as set: a list must be non-empty, anything else non-null. */
export function fieldSet(route: Obj, field: string): boolean {
  return Array.isArray(route[field]) ? nonEmptyList(route, field) : isSet(route, field);
}

/** Whether the route still says what to do with requests once `field` is removed. */
function keepsAction(route: Obj, field: string): boolean {
  return ['redirect', 'directResponse', 'route'].some((f) => f !== field && fieldSet(route, f));
}

export interface HttpConflictOptions {
  code: string;
  title: string;
  explanation: string;
  /** The field the finding sits on. */
  first: string;
  /** The field it conflicts with. */
  second: string;
  /** Extra condition (Go checks directResponse conflicts only when redirect is not set). */
  when?: (route: Obj) => boolean;
  /** What to say: Istio's reason, in a few words. */
  reason: string;
}

export function httpRouteConflictRule(o: HttpConflictOptions): Rule {
  return {
    code: o.code,
    severity: 'error',
    kinds: ['VirtualService'],
    title: o.title,
    explanation: o.explanation,
    check(ctx: RuleContext) {
      const spec = specOf(ctx);
      const delegateVs = isDelegateVs(spec);
      for (const r of routesOf(spec, 'http')) {
        // A root route (one with `delegate`) only gets the root-route checks.
        if (!delegateVs && isSet(r.value, 'delegate')) continue;
        if (!fieldSet(r.value, o.first) || !fieldSet(r.value, o.second)) continue;
        if (o.when && !o.when(r.value)) continue;
        const first = [...r.path, o.first];
        const second = [...r.path, o.second];
        ctx.report(
          first,
          `${fieldPath(first)} cannot be combined with ${o.second} in the same HTTP route: ${o.reason}. Keep only one of them.`,
          {
            related: [{ path: second, message: `${o.second} is set here` }],
            // Only offer removals that leave the route with a route, redirect or directResponse.
            fixes: [
              keepsAction(r.value, o.first) ? removeFieldFix(ctx, first, `Remove ${o.first}`) : undefined,
              keepsAction(r.value, o.second) ? removeFieldFix(ctx, second, `Remove ${o.second}`) : undefined,
            ],
          },
        );
      }
    },
  };
}
