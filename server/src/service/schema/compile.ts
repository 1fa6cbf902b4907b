import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { CelRule, CelRuleCompiler } from '../cel/rules';
import type { SchemaNode } from './catalog';
import { OBJECT_META } from './objectMeta';

export const CEL_KEYWORD = 'x-kubernetes-validations';

/** ajv error params for a failed CEL rule. */
export interface CelErrorParams {
  rule: CelRule;
  testedFields: string[];
  error?: string;
}

/**
 * Rewrites a generated (structural) schema into the form ajv checks:
 * - every object that lists its properties and does not preserve unknown fields rejects other keys,
 *   because the API server would silently prune them;
 * - int-or-string becomes a two-type union;
 * - the root gains apiVersion, kind and metadata, which CRD schemas leave out.
 */
export function toValidationSchema(schema: SchemaNode): SchemaNode {
  const root = strictify(schema);
  root.properties = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: strictify(OBJECT_META),
    ...root.properties,
  };
  // Unknown top-level keys get their own check with a clearer message.
  delete root.additionalProperties;
  return shareRepeatedSubtrees(root);
}

/**
 * Moves object subtrees that occur more than once (DestinationRule's TrafficPolicy appears at the top,
 * per port and per subset) into `$defs`, so ajv generates and compiles their code once.
 */
function shareRepeatedSubtrees(root: SchemaNode): SchemaNode {
  const counts = new Map<string, number>();
  const keyOf = new WeakMap<object, string>();
  const visit = (node: SchemaNode): string => {
    const parts: string[] = [];
    for (const k of Object.keys(node).sort()) {
      const v = node[k];
      if (k === 'properties' && v && typeof v === 'object') {
        const props = v as Record<string, SchemaNode>;
        parts.push(
          `properties:{${Object.keys(props)
            .sort()
            .map((p) => `${JSON.stringify(p)}:${visit(props[p])}`)
            .join(',')}}`,
        );
      } else if ((k === 'items' || k === 'additionalProperties') && v && typeof v === 'object') {
        parts.push(`${k}:${visit(v as SchemaNode)}`);
      } else {
        parts.push(`${k}:${JSON.stringify(v)}`);
      }
    }
    const key = `{${parts.join(';')}}`;
    keyOf.set(node, key);
    if (node.properties && Object.keys(node.properties).length > 1)
      counts.set(key, (counts.get(key) ?? 0) + 1);
    return key;
  };
  visit(root);
  const defs: Record<string, SchemaNode> = {};
  const names = new Map<string, string>();
  const replace = (node: SchemaNode, isRoot: boolean): SchemaNode => {
    const key = keyOf.get(node);
    if (!isRoot && key && (counts.get(key) ?? 0) > 1) {
      let name = names.get(key);
      if (!name) {
        name = `shared${names.size}`;
        names.set(key, name);
        defs[name] = rewriteChildren(node);
      }
      return { $ref: `#/$defs/${name}` };
    }
    return rewriteChildren(node);
  };
  const rewriteChildren = (node: SchemaNode): SchemaNode => {
    const out: SchemaNode = { ...node };
    if (node.properties) {
      out.properties = {};
      for (const [k, v] of Object.entries(node.properties)) out.properties[k] = replace(v, false);
    }
    if (node.items) out.items = replace(node.items, false);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      out.additionalProperties = replace(node.additionalProperties, false);
    }
    return out;
  };
  const result = replace(root, true);
  if (names.size) result.$defs = defs;
  return result;
}

function strictify(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...node };
  if (node.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(node.properties)) out.properties[k] = strictify(v);
    if (node.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields']) {
      out.additionalProperties = false;
    }
  }
  if (node.items) out.items = strictify(node.items);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    out.additionalProperties = strictify(node.additionalProperties);
  }
  for (const list of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (node[list]) out[list] = node[list].map(strictify);
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out.anyOf;
    out.type = ['integer', 'string'];
  }
  return out;
}

/** Creates the ajv instance with Kubernetes' formats and the CEL keyword. One per engine. */
export function createAjv(cel: CelRuleCompiler): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    messages: true,
    validateSchema: false,
    verbose: true,
    inlineRefs: false,
  });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => n >= -2147483648 && n <= 2147483647 });
  ajv.addFormat('int64', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  ajv.addFormat('date-time', () => true);
  ajv.addKeyword({
    keyword: CEL_KEYWORD,
    schemaType: 'array',
    errors: true,
    compile(rules: CelRule[]) {
      const compiled = rules.map((r) => cel.compile(r));
      const validate = (data: unknown): boolean => {
        const errors: Partial<ErrorObject>[] = [];
        for (const c of compiled) {
          const outcome = c.evaluate(data);
          if (!outcome.ok) {
            const params: CelErrorParams = {
              rule: c.rule,
              testedFields: c.testedFields,
              error: outcome.error,
            };
            errors.push({
              keyword: CEL_KEYWORD,
              message: c.rule.message ?? `failed rule: ${c.rule.rule}`,
              params,
            });
          }
        }
        validate.errors = errors;
        return errors.length === 0;
      };
      validate.errors = [] as Partial<ErrorObject>[];
      return validate;
    },
  });
  return ajv;
}

export type { ValidateFunction, ErrorObject };
