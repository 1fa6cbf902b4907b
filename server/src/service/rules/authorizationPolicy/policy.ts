/**
 * Shared walking code for the AuthorizationPolicy rules (not a rule itself): the action, and every
 * rule, source, operation and condition with its path.
 */
import type { PathSegment } from '../../yaml/nodes';
import { isObj, list, obj, str, type Obj } from '../shared/values';

export const KIND = 'AuthorizationPolicy';

/** The policy action; Istio's default is ALLOW. */
export function actionOf(value: Obj): string {
  const action = obj(value.spec)?.action;
  return typeof action === 'string' ? action : 'ALLOW';
}

/** True when the policy has no rules at all: `rules` missing, null or an empty list. */
export function hasNoRules(value: Obj): boolean {
  const rules = obj(value.spec)?.rules;
  return rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
}

export interface At<T> {
  path: PathSegment[];
  value: T;
  /** Index of the policy rule this belongs to. */
  rule: number;
}

/** Every rule of the policy that is a map. */
export function policyRules(value: Obj): At<Obj>[] {
  const out: At<Obj>[] = [];
  list(obj(value.spec)?.rules).forEach((r, i) => {
    if (isObj(r)) out.push({ path: ['spec', 'rules', i], value: r, rule: i });
  });
  return out;
}

/** Every `from[].source` map (path ends in 'source'). */
export function sources(value: Obj): At<Obj>[] {
  const out: At<Obj>[] = [];
  for (const r of policyRules(value)) {
    list(r.value.from).forEach((f, j) => {
      const source = obj(obj(f)?.source);
      if (source) out.push({ path: [...r.path, 'from', j, 'source'], value: source, rule: r.rule });
    });
  }
  return out;
}

/** Every `to[].operation` map (path ends in 'operation'). */
export function operations(value: Obj): At<Obj>[] {
  const out: At<Obj>[] = [];
  for (const r of policyRules(value)) {
    list(r.value.to).forEach((t, j) => {
      const operation = obj(obj(t)?.operation);
      if (operation) out.push({ path: [...r.path, 'to', j, 'operation'], value: operation, rule: r.rule });
    });
  }
  return out;
}

/** Every `when[]` condition map. */
export function conditions(value: Obj): At<Obj>[] {
  const out: At<Obj>[] = [];
  for (const r of policyRules(value)) {
    list(r.value.when).forEach((c, j) => {
      if (isObj(c)) out.push({ path: [...r.path, 'when', j], value: c, rule: r.rule });
    });
  }
  return out;
}

/** The string entries of a list field with their paths. */
export function strings(at: At<Obj>, field: string): { path: PathSegment[]; value: string }[] {
  const out: { path: PathSegment[]; value: string }[] = [];
  list(at.value[field]).forEach((v, i) => {
    const s = str(v);
    if (s !== undefined) out.push({ path: [...at.path, field, i], value: s });
  });
  return out;
}

/** True for a list field with at least one entry. */
export function hasEntries(o: Obj, field: string): boolean {
  return list(o[field]).length > 0;
}

/**
 * The field holds a value that is not a list. The schema check already reports its type, so rules
 * that ask "is any field set?" leave such an object alone rather than add a follow-on error.
 */
export function mistyped(o: Obj, field: string): boolean {
  const v = o[field];
  return v !== undefined && v !== null && !Array.isArray(v);
}

const withNot = (fields: string[]): string[] =>
  fields.flatMap((f) => [f, `not${f[0].toUpperCase()}${f.slice(1)}`]);

/** All list fields of `source`. */
export const SOURCE_FIELDS = withNot([
  'principals',
  'requestPrincipals',
  'namespaces',
  'ipBlocks',
  'remoteIpBlocks',
  'serviceAccounts',
  'trustDomains',
]);

/** Source fields that also work for plain TCP traffic. */
export const TCP_SOURCE_FIELDS = withNot([
  'principals',
  'namespaces',
  'ipBlocks',
  'remoteIpBlocks',
  'serviceAccounts',
]);

/** All list fields of `operation`. */
export const OPERATION_FIELDS = withNot(['hosts', 'ports', 'methods', 'paths']);

/** Source fields that a CUSTOM policy cannot use. */
export const CUSTOM_UNSUPPORTED_SOURCE_FIELDS = withNot([
  'namespaces',
  'serviceAccounts',
  'trustDomains',
  'principals',
  'requestPrincipals',
]);

export const IP_FIELDS = withNot(['ipBlocks', 'remoteIpBlocks']);
