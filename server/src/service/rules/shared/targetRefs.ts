/**
 * `targetRef` / `targetRefs` (AuthorizationPolicy, RequestAuthentication, Telemetry, ...). The CEL
 * rules already reject a `namespace` and setting more than one of selector/targetRef/targetRefs; the
 * schema requires a non-empty `kind` and `name`. Checked here: the allowed group/kind pairs.
 */
import { insertFieldFix } from './safeEdits';
import type { Rule, RuleContext } from '../rule';
import { fieldPath, obj } from './values';
import type { PathSegment } from '../../yaml/nodes';

/** The kinds a policy may target, with the groups they belong to ('' and 'core' both mean core). */
export const ALLOWED_TARGETS: readonly { kind: string; group: string }[] = [
  { kind: 'Service', group: '' },
  { kind: 'ServiceEntry', group: 'networking.istio.io' },
  { kind: 'Gateway', group: 'gateway.networking.k8s.io' },
  { kind: 'GatewayClass', group: 'gateway.networking.k8s.io' },
];

const canonical = (group: string): string => (group === '' ? 'core' : group);
const describe = (t: { kind: string; group: string }): string =>
  t.group ? `${t.group}/${t.kind}` : `${t.kind} (core group)`;

export interface TargetRefProblem {
  field: 'group' | 'kind';
  message: string;
  /** The group that would make the reference valid, when the kind is allowed but the group is wrong. */
  group?: string;
}

/** Problems of one target reference. Values of the wrong type are left to the schema. */
export function targetRefProblems(ref: Record<string, unknown>): TargetRefProblem[] {
  const out: TargetRefProblem[] = [];
  const kind = ref.kind;
  const group = ref.group === undefined || ref.group === null ? '' : ref.group;
  if (typeof kind !== 'string' || typeof group !== 'string') return out;
  if (ALLOWED_TARGETS.some((t) => t.kind === kind && canonical(t.group) === canonical(group))) return out;
  const byKind = ALLOWED_TARGETS.find((t) => t.kind === kind);
  const allowed = ALLOWED_TARGETS.map(describe).join(', ');
  if (byKind) {
    const want = byKind.group === '' ? `an empty group ('' or 'core')` : `group '${byKind.group}'`;
    out.push({
      field: 'group',
      message: `a ${kind} target needs ${want}, not '${group}'`,
      group: byKind.group,
    });
  } else {
    out.push({ field: 'kind', message: `kind '${kind}' cannot be targeted; allowed targets are ${allowed}` });
  }
  return out;
}

/** Every target reference of a resource with its path. */
export function targetRefsOf(
  value: Record<string, unknown>,
): { path: PathSegment[]; ref: Record<string, unknown> }[] {
  const spec = obj(value.spec);
  const out: { path: PathSegment[]; ref: Record<string, unknown> }[] = [];
  const single = obj(spec?.targetRef);
  if (single) out.push({ path: ['spec', 'targetRef'], ref: single });
  const list = spec?.targetRefs;
  if (Array.isArray(list)) {
    list.forEach((item, i) => {
      const ref = obj(item);
      if (ref) out.push({ path: ['spec', 'targetRefs', i], ref });
    });
  }
  return out;
}

/** Error rule: target references must name a Service, ServiceEntry, Gateway or GatewayClass. */
export function targetRefRule(code: string, kind: string): Rule {
  return {
    code,
    severity: 'error',
    kinds: [kind],
    title: `${kind} targetRef is not a supported target`,
    explanation: [
      `A \`targetRef\`/\`targetRefs\` entry points at a group and kind that a ${kind} cannot attach to. Istio rejects the ${kind}.`,
      '',
      'Allowed targets are a core `Service` (empty `group`), a `networking.istio.io` `ServiceEntry`, and a `gateway.networking.k8s.io` `Gateway` or `GatewayClass`.',
    ].join('\n'),
    check(ctx: RuleContext) {
      for (const { path, ref } of targetRefsOf(ctx.value)) {
        const where = fieldPath(path);
        for (const p of targetRefProblems(ref)) {
          const hasField = ref[p.field] !== undefined;
          const fixes =
            p.group === undefined
              ? []
              : hasField
                ? [
                    ctx.fix.replaceValue(
                      [...path, 'group'],
                      p.group === '' ? '""' : p.group,
                      `Set group to '${p.group}'`,
                    ),
                  ]
                : [insertFieldFix(ctx, path, 'group', p.group, `Add group '${p.group}'`)];
          ctx.report(hasField ? [...path, p.field] : [...path, 'kind'], `${where}: ${p.message}.`, {
            on: 'value',
            fixes,
          });
        }
      }
    },
  };
}
