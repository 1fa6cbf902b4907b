/**
 * Workload selectors. Security and telemetry kinds use `selector.matchLabels`; Sidecar and
 * ServiceEntry use `workloadSelector.labels`. The CRDs' CEL rules already reject empty keys and '*'
 * in `matchLabels`, and '*' in `workloadSelector.labels` values; what they miss is checked here.
 */
import { removeFieldFix } from './safeEdits';
import type { Rule, RuleContext } from '../rule';
import { obj } from './values';

export interface SelectorLocation {
  /** Field under spec that holds the selector: 'selector' or 'workloadSelector'. */
  field: 'selector' | 'workloadSelector';
  /** Field of the selector that holds the labels: 'matchLabels' or 'labels'. */
  labels: 'matchLabels' | 'labels';
}

export const MATCH_LABELS: SelectorLocation = { field: 'selector', labels: 'matchLabels' };
export const WORKLOAD_SELECTOR_LABELS: SelectorLocation = { field: 'workloadSelector', labels: 'labels' };

/** The selector object of a resource, when it is set to a map. */
export function selectorOf(
  value: Record<string, unknown>,
  loc: SelectorLocation,
): Record<string, unknown> | undefined {
  return obj(obj(value.spec)?.[loc.field]);
}

/** True when the selector is set but selects by no label at all. */
export function selectsNothing(selector: Record<string, unknown>, loc: SelectorLocation): boolean {
  const labels = obj(selector[loc.labels]);
  return !labels || Object.keys(labels).length === 0;
}

/** Problems of selector label keys that the CEL rules do not catch: an empty key, or '*' in a key. */
export function selectorKeyProblem(key: string): string | undefined {
  if (key === '') return 'an empty label key is not allowed in a workload selector';
  if (key.includes('*'))
    return `wildcards are not supported in workload selectors, but the key '${key}' contains '*'`;
  return undefined;
}

export interface SelectorRuleOptions {
  code: string;
  kind: string;
  loc: SelectorLocation;
  /** Extra words for the message, e.g. "it will be applied to all services in the namespace". */
  effect: string;
}

/** Warning rule: a selector with no labels (Istio: "workload selector specified without labels"). */
export function selectorWithoutLabelsRule(o: SelectorRuleOptions): Rule {
  const where = `spec.${o.loc.field}`;
  return {
    code: o.code,
    severity: 'warning',
    kinds: [o.kind],
    title: `${o.kind} selector without labels`,
    explanation: [
      `\`${where}\` is present but has no \`${o.loc.labels}\`. Istio accepts the ${o.kind} but warns ("workload selector specified without labels"): a selector without labels does not narrow anything, so ${o.effect}.`,
      '',
      `If the ${o.kind} is meant for specific workloads, add their labels under \`${where}.${o.loc.labels}\`. If it is meant for the whole namespace, remove the empty \`${o.loc.field}\` so the intent is clear.`,
    ].join('\n'),
    check(ctx: RuleContext) {
      const selector = selectorOf(ctx.value, o.loc);
      if (!selector || !selectsNothing(selector, o.loc)) return;
      const path = ['spec', o.loc.field];
      ctx.report(
        path,
        `${where} has no ${o.loc.labels}, so ${o.effect}. Add labels to select workloads, or remove the empty ${o.loc.field}.`,
        {
          fixes: [removeFieldFix(ctx, path, `Remove the empty ${o.loc.field}`)],
        },
      );
    },
  };
}

/** Error rule for `workloadSelector.labels` keys (Sidecar, ServiceEntry): no empty key and no '*'. */
export function selectorKeysRule(code: string, kind: string): Rule {
  return {
    code,
    severity: 'error',
    kinds: [kind],
    title: `${kind} workload selector key is empty or has a wildcard`,
    explanation: [
      `A key of \`spec.workloadSelector.labels\` is empty or contains \`*\`. Istio rejects the ${kind}: selectors match labels exactly, with no wildcards, and an empty key matches nothing meaningful.`,
      '',
      'Use the exact label key of the workloads to select, for example `app: reviews`.',
    ].join('\n'),
    check(ctx: RuleContext) {
      const labels = obj(selectorOf(ctx.value, WORKLOAD_SELECTOR_LABELS)?.labels);
      if (!labels) return;
      for (const key of Object.keys(labels)) {
        const problem = selectorKeyProblem(key);
        if (problem)
          ctx.report(
            ['spec', 'workloadSelector', 'labels', key],
            `spec.workloadSelector.labels: ${problem}.`,
          );
      }
    },
  };
}
