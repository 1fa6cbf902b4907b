import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Finding, Fix, OffsetRange } from '../types';
import { isLeadingZeroOctal, YAML11_ONLY_BOOLEANS } from '../yaml/goScalar';
import {
  anchorRange,
  formatPath,
  keyRange,
  locate,
  rangeOf,
  valueRange,
  type PathSegment,
} from '../yaml/nodes';
import type { ParsedDocument } from '../yaml/parse';
import type { SchemaNode } from './catalog';
import { navigate } from './navigate';

/** What the structural pass learnt: its findings, the value the API server keeps, and errors it explains. */
export interface Structural {
  findings: Finding[];
  /** The value after the API server prunes nulls from non-nullable fields. */
  value: Record<string, unknown>;
  /** JSON pointers whose ajv `type` error a finding here already explains (one mistake, one diagnostic). */
  explained: Set<string>;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The API server's structural-schema behaviour that JSON Schema does not express, and the places
 * where go-yaml's YAML 1.1 reading changes what the author wrote:
 * - `x-kubernetes-list-type: map` lists are unique by their list-map-keys, `set` lists by value;
 * - a null in a field that is not nullable is pruned, not rejected;
 * - integers beyond 2^53 are checked exactly against int64;
 * - `on`/`yes`/`n`… are booleans and `010` is 8, which is worth a word where a person meant otherwise.
 */
export function checkStructure(parsed: ParsedDocument, schema: SchemaNode): Structural {
  const findings: Finding[] = [];
  const explained = new Set<string>();
  // The AST is asked for only where a finding needs a place (or for the YAML 1.1 spellings).
  const root: Root = () => parsed.doc.contents;
  const value = prune(parsed.value, schema, [], findings, root) as Record<string, unknown>;
  if (parsed.yaml11Spellings) scalarMeanings(root(), schema, findings, explained);
  for (const [ptr, exact] of parsed.exactInts) {
    const path = fromPointer(ptr);
    const node = navigate(schema, path)?.schema;
    if (node?.format === 'int64' && (exact < INT64_MIN || exact > INT64_MAX)) {
      const loc = locate(root(), path);
      const range = loc && valueRange(loc);
      if (!range) continue;
      findings.push({
        code: 'value-out-of-range',
        severity: 'error',
        message: `${formatPath(path)}: ${exact} does not fit a 64-bit integer (${INT64_MIN} to ${INT64_MAX}); the API server rejects it.`,
        range,
      });
      explained.add(ptr);
    }
  }
  return { findings, value, explained };
}

const DROP = Symbol('drop');

/** The document's AST root, built on demand. */
type Root = () => unknown;

function prune(
  v: unknown,
  schema: SchemaNode | undefined,
  path: PathSegment[],
  out: Finding[],
  root: Root,
): unknown {
  if (!schema) return v;
  if (v === null) {
    if (schema.nullable || path.length === 0) return v;
    const loc = locate(root(), path);
    const range = loc && (keyRange(loc.pair) ?? valueRange(loc));
    if (range) {
      out.push({
        code: 'null-dropped',
        severity: 'hint',
        message: `${formatPath(path)} is empty (null), so the API server drops it: the resource is stored as if the field were not written.`,
        range,
      });
    }
    return DROP;
  }
  if (Array.isArray(v)) {
    if (schema['x-kubernetes-list-type'] === 'map' || schema['x-kubernetes-list-type'] === 'set') {
      uniqueItems(v, schema, path, out, root);
    }
    const items = schema.items;
    const list = v as unknown[];
    return items
      ? list.map((x, i): unknown => (x === null ? x : prune(x, items, [...path, i], out, root)))
      : list;
  }
  if (typeof v === 'object') {
    if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties) return v;
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const child =
        schema.properties?.[k] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      const kept = prune(x, child, [...path, k], out, root);
      if (kept !== DROP) o[k] = kept;
    }
    return o;
  }
  return v;
}

function uniqueItems(
  list: unknown[],
  schema: SchemaNode,
  path: PathSegment[],
  out: Finding[],
  root: Root,
): void {
  const keys =
    schema['x-kubernetes-list-type'] === 'map'
      ? ((schema['x-kubernetes-list-map-keys'] as string[]) ?? [])
      : undefined;
  const first = new Map<string, number>();
  list.forEach((item, i) => {
    const identity = keys
      ? JSON.stringify(keys.map((k) => (item as Record<string, unknown> | null)?.[k] ?? null))
      : stableJson(item);
    const earlier = first.get(identity);
    if (earlier === undefined) {
      first.set(identity, i);
      return;
    }
    const what = keys
      ? keys
          .map(
            (k) =>
              `${k} ${JSON.stringify((item as Record<string, unknown>)[k] ?? null).replace(/^"(.*)"$/, "'$1'")}`,
          )
          .join(', ')
      : JSON.stringify(item);
    const itemPath = [...path, i];
    const loc =
      keys?.length === 1
        ? (locate(root(), [...itemPath, keys[0]]) ?? locate(root(), itemPath))
        : locate(root(), itemPath);
    const firstLoc = locate(root(), keys?.length === 1 ? [...path, earlier, keys[0]] : [...path, earlier]);
    const range = loc && (valueRange(loc) ?? anchorRange(loc));
    if (!range) return;
    out.push({
      code: 'duplicate-list-item',
      severity: 'error',
      message: `${formatPath(itemPath)}: Duplicate value: ${what}. Items of ${formatPath(path)} must be unique${keys ? ` by ${keys.join(', ')}` : ''}; the API server rejects the second one (the first is item [${earlier}]).`,
      range,
      related:
        firstLoc && rangeOrUndefined(firstLoc)
          ? [{ range: rangeOrUndefined(firstLoc)!, message: `the first item with ${what}` }]
          : undefined,
    });
  });
}

function rangeOrUndefined(loc: ReturnType<typeof locate>): OffsetRange | undefined {
  return loc ? (valueRange(loc) ?? anchorRange(loc)) : undefined;
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

/** Walks the AST's plain scalars; only the rare YAML 1.1 spellings look the schema up. */
function scalarMeanings(root: unknown, schema: SchemaNode, out: Finding[], explained: Set<string>): void {
  const walk = (node: unknown, path: PathSegment[], depth: number): void => {
    if (depth > 200 || !node || isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (
          isScalar(key) &&
          key.type === 'PLAIN' &&
          typeof key.source === 'string' &&
          YAML11_ONLY_BOOLEANS.has(key.source)
        ) {
          const r = rangeOf(key);
          if (r) out.push(booleanKey(key.source, String(key.value), r));
        }
        walk(pair.value, [...path, isScalar(key) ? String(key.value) : '?'], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
    } else if (isScalar(node) && node.type === 'PLAIN' && !node.tag && typeof node.source === 'string') {
      const src = node.source;
      const boolWord = YAML11_ONLY_BOOLEANS.has(src);
      if (!boolWord && !isLeadingZeroOctal(src)) return;
      const range = rangeOf(node);
      if (!range) return;
      const target = navigate(schema, path)?.schema;
      const wantsString =
        !!target && (target.type === 'string' || (!!target['x-kubernetes-int-or-string'] && boolWord));
      const typed = !!target && target.type !== undefined;
      if (boolWord) {
        if (typed && !wantsString) return; // a boolean field: `yes` means true, as intended
        out.push(booleanValue(src, node.value === true, path, range, wantsString));
      } else {
        if (
          typed &&
          target.type !== 'string' &&
          target.type !== 'integer' &&
          target.type !== 'number' &&
          !target['x-kubernetes-int-or-string']
        )
          return;
        out.push(octalValue(src, Number(node.value), path, range, target?.type === 'string'));
      }
      if (wantsString || target?.type === 'string') explained.add(pointer(path));
    }
  };
  walk(root, [], 0);
}

function quoteFix(src: string, range: OffsetRange, preferred: boolean): Fix {
  return { title: `Quote it: "${src}"`, edits: [{ range, newText: `"${src}"` }], preferred };
}

function booleanKey(src: string, key: string, range: OffsetRange): Finding {
  return {
    code: 'yaml-boolean-key',
    severity: 'warning',
    message: `The key '${src}' is read as the boolean ${key} (YAML 1.1, as kubectl reads it), so the server receives the key "${key}". Quote it to keep the name '${src}'.`,
    range,
    fixes: [quoteFix(src, range, true)],
  };
}

function booleanValue(
  src: string,
  b: boolean,
  path: PathSegment[],
  range: OffsetRange,
  stringField: boolean,
): Finding {
  return {
    code: 'yaml-boolean-value',
    severity: stringField ? 'error' : 'warning',
    message: stringField
      ? `${formatPath(path)}: '${src}' is read as the boolean ${b} (YAML 1.1, as kubectl reads it), but this field is a string, so the API server rejects it. Quote it: "${src}".`
      : `${formatPath(path)}: '${src}' is sent as the boolean ${b} (YAML 1.1, as kubectl reads it), not as the string "${src}". Quote it if you mean the string.`,
    range,
    fixes: [quoteFix(src, range, true)],
  };
}

function octalValue(
  src: string,
  n: number,
  path: PathSegment[],
  range: OffsetRange,
  stringField: boolean,
): Finding {
  const decimal = src.replace(/_/g, '').replace(/^([-+]?)0+(?=\d)/, '$1');
  return {
    code: 'yaml-octal-number',
    severity: stringField ? 'error' : 'warning',
    message: stringField
      ? `${formatPath(path)}: '${src}' is read as the octal number ${n} (a leading zero makes it octal), but this field is a string, so the API server rejects it. Quote it: "${src}".`
      : `${formatPath(path)}: '${src}' is read as the octal number ${n}, not ${decimal}: a leading zero makes it octal. Write ${n} to keep this value, ${decimal} if you meant decimal, or quote it for a string.`,
    range,
    fixes: [
      quoteFix(src, range, stringField),
      { title: `Write it in decimal: ${n}`, edits: [{ range, newText: String(n) }], preferred: false },
      ...(stringField
        ? []
        : [{ title: `Write ${decimal} (decimal, as written)`, edits: [{ range, newText: decimal }] }]),
    ],
  };
}

function pointer(path: readonly PathSegment[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function fromPointer(ptr: string): PathSegment[] {
  return ptr
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** Every list with an `x-kubernetes-list-type` of map or set in a schema, as `path[]` strings. */
export function listTypeSites(schema: SchemaNode, path = ''): string[] {
  const out: string[] = [];
  const t = schema['x-kubernetes-list-type'];
  if (t === 'map' || t === 'set') out.push(`${path} (${t})`);
  for (const [k, v] of Object.entries(schema.properties ?? {}))
    out.push(...listTypeSites(v, path ? `${path}.${k}` : k));
  if (schema.items) out.push(...listTypeSites(schema.items, `${path}[]`));
  if (typeof schema.additionalProperties === 'object')
    out.push(...listTypeSites(schema.additionalProperties, `${path}.*`));
  return out;
}
