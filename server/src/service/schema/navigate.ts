import type { SchemaNode } from './catalog';

export interface SchemaStep {
  schema: SchemaNode;
  /** Docs path segment: the property name, or `*` for a free-form map value. */
  docSegment?: string;
  required: boolean;
}

/**
 * Follows a path through a schema: names go through `properties` (or a map's `additionalProperties`),
 * numbers and '[]' go through `items`. Returns the schema at the end and the docs path that leads there.
 */
export function navigate(
  root: SchemaNode,
  path: readonly (string | number)[],
): { schema: SchemaNode; docPath: string[]; required: boolean } | undefined {
  let schema = root;
  const docPath: string[] = [];
  let required = false;
  for (const seg of path) {
    const step = stepInto(schema, seg);
    if (!step) return undefined;
    schema = step.schema;
    required = step.required;
    if (step.docSegment) docPath.push(step.docSegment);
  }
  return { schema, docPath, required };
}

function stepInto(schema: SchemaNode, seg: string | number): SchemaStep | undefined {
  if (typeof seg === 'number' || seg === '[]') {
    return schema.items ? { schema: schema.items, required: false } : undefined;
  }
  const prop = schema.properties?.[seg];
  if (prop) return { schema: prop, docSegment: seg, required: schema.required?.includes(seg) ?? false };
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return { schema: schema.additionalProperties, docSegment: '*', required: false };
  }
  return undefined;
}

/** A short type name for hover and completion: `string`, `integer`, `list of object`, `map of string`… */
export function typeName(schema: SchemaNode): string {
  if (schema['x-kubernetes-int-or-string']) return 'integer or string';
  const t = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (t === 'array') return `list of ${schema.items ? typeName(schema.items) : 'any'}`;
  if (
    t === 'object' &&
    !schema.properties &&
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    return `map of ${typeName(schema.additionalProperties)}`;
  }
  return t ?? 'any';
}

/** Names that are mutually exclusive with `name` in this object schema (from its oneOf groups). */
export function exclusiveWith(schema: SchemaNode, name: string): string[] {
  const groups = [
    ...(schema.oneOf ? [schema.oneOf] : []),
    ...(schema.allOf ?? []).flatMap((a) => (a.oneOf ? [a.oneOf] : [])),
  ];
  for (const g of groups) {
    const names = g.flatMap((b) => b.required ?? []);
    if (names.includes(name)) return names.filter((n) => n !== name);
  }
  return [];
}

/** Human readable bounds of a schema: ranges, lengths, patterns. */
export function constraintsOf(schema: SchemaNode): string[] {
  const out: string[] = [];
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    out.push(`between ${schema.minimum} and ${schema.maximum}`);
  else if (schema.minimum !== undefined) out.push(`at least ${schema.minimum}`);
  else if (schema.maximum !== undefined) out.push(`at most ${schema.maximum}`);
  if (schema.minLength !== undefined) out.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) out.push(`at most ${schema.maxLength} characters`);
  if (schema.minItems !== undefined) out.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems} items`);
  if (schema.maxProperties !== undefined) out.push(`at most ${schema.maxProperties} entries`);
  if (schema.pattern) out.push(`matches \`${schema.pattern}\``);
  for (const v of schema['x-kubernetes-validations'] ?? [])
    out.push(`${v.message ?? 'rule'} (CEL: \`${v.rule}\`)`);
  return out;
}
