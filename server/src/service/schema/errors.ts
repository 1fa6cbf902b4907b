import { isMap, isScalar } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Finding, Fix, OffsetRange } from '../types';
import { didYouMean } from '../didYouMean';
import {
  anchorRange,
  findPair,
  formatPath,
  keyRange,
  locate,
  pointerToPath,
  valueRange,
  type Located,
  type PathSegment,
} from '../yaml/nodes';
import { CEL_KEYWORD, type CelErrorParams } from './compile';
import { FixBuilder } from '../fixes/edits';
import type { ParsedDocument } from '../yaml/parse';
import type { SchemaNode } from './catalog';

/**
 * Turns ajv's errors into findings with the narrowest useful range:
 * the key for unknown or missing fields, the value for type, enum, bound and CEL problems.
 */
export function schemaFindings(errors: readonly ErrorObject[], parsed: ParsedDocument): Finding[] {
  if (!errors.length) return [];
  const root = parsed.doc.contents;
  const fix = new FixBuilder(parsed);
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (f: Finding | undefined): void => {
    if (!f) return;
    const key = `${f.range.start}:${f.range.end}:${f.code}:${f.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(f);
    }
  };
  for (const e of errors) {
    // Errors inside oneOf/anyOf/not branches only explain why a branch failed; the oneOf error itself
    // is reported with a clearer message below.
    if (
      /\/(oneOf|anyOf|not)\//.test(e.schemaPath) ||
      (e.keyword === 'not' && /\/oneOf\//.test(e.schemaPath))
    ) {
      continue;
    }
    if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const path = pointerToPath(e.instancePath);
    const loc = locate(root, path);
    if (!loc) continue;
    for (const f of convert(e, path, loc, fix)) push(f);
  }
  return out;
}

function convert(e: ErrorObject, path: PathSegment[], loc: Located, fix: FixBuilder): Finding[] {
  const where = formatPath(path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const pair = findPair(loc.node, name);
      const range = keyRange(pair);
      if (!range) return [];
      const allowed = Object.keys(parentOf(e)?.properties ?? {});
      const suggestion = didYouMean(name, allowed);
      const hint = suggestion
        ? ` Did you mean '${suggestion}'?`
        : allowed.length
          ? ` Allowed fields: ${listing(allowed)}.`
          : '';
      const fixes = [
        suggestion
          ? fix.renameKey([...path, name], suggestion, `Rename '${name}' to '${suggestion}'`)
          : undefined,
        fix.removeField([...path, name], `Remove '${name}'`),
      ];
      return [
        {
          ...finding(
            'unknown-field',
            `Unknown field '${name}' in ${where}: the API server would drop it silently.${hint}`,
            range,
            {
              field: name,
              suggestion,
            },
          ),
          fixes: defined(fixes),
        },
      ];
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const range = anchorRange(loc);
      if (!range) return [];
      const childSchema = parentOf(e)?.properties?.[missing];
      return [
        {
          ...finding('missing-required-field', `Missing required field '${missing}' in ${where}.`, range, {
            field: missing,
          }),
          fixes: defined([fix.insertField(path, missing, placeholder(childSchema), `Add '${missing}'`)]),
        },
      ];
    }
    case 'type': {
      const range = valueRange(loc);
      if (!range) return [];
      const expected = String((e.params as { type: string | string[] }).type).replace(',', ' or ');
      const rules = parentOf(e)?.['x-kubernetes-validations'] ?? [];
      const isDuration = rules.some((r) => r.rule.includes('duration('));
      const hint = isDuration ? " (a duration with a unit, such as '1s' or '100ms')" : '';
      // A bare number where a duration belongs: the seconds were meant (`1` becomes `1s`).
      const fixes =
        isDuration && typeof e.data === 'number' && e.data >= 0
          ? defined([fix.replaceValue(path, `${e.data}s`, `Change to '${e.data}s'`)])
          : undefined;
      return [
        {
          ...finding(
            'invalid-type',
            `${where} must be ${article(expected)}${hint}, but it is ${describe(e.data)}.`,
            range,
            {
              expected,
            },
          ),
          fixes,
        },
      ];
    }
    case 'enum': {
      const range = valueRange(loc);
      if (!range) return [];
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).sort();
      const suggestion = typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined;
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
      return [
        {
          ...finding(
            'invalid-enum',
            `'${scalarText(e.data)}' is not a valid value for ${where}. Allowed values: ${allowed.join(', ')}.${hint}`,
            range,
            { suggestion, allowed },
          ),
          fixes: defined([
            suggestion ? fix.replaceValue(path, suggestion, `Change to '${suggestion}'`) : undefined,
          ]),
        },
      ];
    }
    case 'oneOf':
      return oneOfFindings(e, path, where, loc, fix);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const range =
        e.keyword.endsWith('Properties') || e.keyword.endsWith('Items') ? anchorRange(loc) : valueRange(loc);
      if (!range) return [];
      return [
        finding('out-of-range', `${where} ${boundText(e)}.`, range, {
          limit: (e.params as { limit: number }).limit,
        }),
      ];
    }
    case 'pattern':
    case 'format': {
      const range = valueRange(loc);
      if (!range) return [];
      const what =
        e.keyword === 'pattern'
          ? `must match the pattern ${String((e.params as { pattern: string }).pattern)}`
          : `must be in the format ${String((e.params as { format: string }).format)}`;
      return [finding('invalid-format', `${where} ${what}; '${scalarText(e.data)}' does not.`, range)];
    }
    case CEL_KEYWORD:
      return [celFinding(e, path, where, loc, fix)];
    default: {
      const range = valueRange(loc);
      return range ? [finding('schema-violation', `${where}: ${e.message ?? 'is not valid'}.`, range)] : [];
    }
  }
}

/** CRD oneOf groups mean "at most one of" (with a `not anyOf` branch) or "exactly one of". */
function oneOfFindings(
  e: ErrorObject,
  path: PathSegment[],
  where: string,
  loc: Located,
  fix: FixBuilder,
): Finding[] {
  const branches = (e.schema as SchemaNode[] | undefined) ?? [];
  const names = [...new Set(branches.flatMap((b) => b.required ?? []))];
  const atMostOne = branches.some((b) => b.not !== undefined);
  const present = names.filter((n) => findPair(loc.node, n));
  if (present.length > 1) {
    const first = findPair(loc.node, present[0]);
    const firstRange = keyRange(first);
    return present.slice(1).flatMap((name) => {
      const range = keyRange(findPair(loc.node, name));
      if (!range) return [];
      return [
        {
          ...finding(
            'mutually-exclusive',
            `Only one of ${names.map((n) => `'${n}'`).join(', ')} may be set in ${where}, but '${present[0]}' and '${name}' are both set.`,
            range,
            { keep: present[0], remove: name },
          ),
          related: firstRange ? [{ range: firstRange, message: `'${present[0]}' is set here` }] : undefined,
          fixes: defined([
            fix.removeField([...path, name], `Remove '${name}' (keep '${present[0]}')`),
            fix.removeField([...path, present[0]], `Remove '${present[0]}' (keep '${name}')`),
          ]),
        },
      ];
    });
  }
  if (present.length === 0 && !atMostOne) {
    const range = anchorRange(loc);
    return range
      ? [
          finding(
            'missing-required-field',
            `${where} needs exactly one of ${names.map((n) => `'${n}'`).join(', ')}.`,
            range,
            { oneOf: names },
          ),
        ]
      : [];
  }
  return [];
}

function celFinding(
  e: ErrorObject,
  path: PathSegment[],
  where: string,
  loc: Located,
  fix: FixBuilder,
): Finding {
  const params = e.params as CelErrorParams;
  let range: OffsetRange | undefined;
  let related: Finding['related'];
  if (isMap(loc.node)) {
    const present = params.testedFields.filter((f) => findPair(loc.node, f));
    if (present.length) {
      range = keyRange(findPair(loc.node, present[present.length - 1]));
      related = present.slice(0, -1).flatMap((f) => {
        const r = keyRange(findPair(loc.node, f));
        return r ? [{ range: r, message: `'${f}' is set here` }] : [];
      });
    }
  }
  range ??= isScalar(loc.node) ? valueRange(loc) : anchorRange(loc);
  // An evaluation error is not the rule failing: the API server reports the error itself.
  const message = params.error
    ? `the validation rule \`${params.rule.rule}\` could not be evaluated: ${params.error}`
    : (params.rule.message ?? `must satisfy ${params.rule.rule}`);
  const code = params.error ? 'cel-evaluation-error' : 'cel-rule';
  return {
    ...finding(code, `${where}: ${message}.`.replace(/\.\.$/, '.'), range ?? { start: 0, end: 0 }, {
      rule: params.rule.rule,
      evaluationError: params.error,
    }),
    related: related?.length ? related : undefined,
    fixes: durationFix(params, path, e.data, fix),
  };
}

/**
 * For the CRDs' "duration ≥ 1ms" rule: a bare number becomes seconds (`10` → `10s`), anything else
 * that fails (too small, such as `500us`) becomes the smallest allowed value, `1ms`.
 */
function durationFix(
  params: CelErrorParams,
  path: PathSegment[],
  data: unknown,
  fix: FixBuilder,
): Fix[] | undefined {
  if (!params.rule.rule.includes("duration('1ms')") || typeof data !== 'string') return undefined;
  const value = /^\d+(\.\d+)?$/.test(data.trim()) ? `${data.trim()}s` : '1ms';
  return defined([fix.replaceValue(path, value, `Change to '${value}'`)]);
}

/** The schema object that holds the failing keyword (ajv's `verbose` option provides it). */
function parentOf(e: ErrorObject): SchemaNode | undefined {
  const parent: unknown = e.parentSchema;
  return parent && typeof parent === 'object' ? (parent as SchemaNode) : undefined;
}

function defined<T>(items: (T | undefined)[]): T[] | undefined {
  const out = items.filter((i): i is T => i !== undefined);
  return out.length ? out : undefined;
}

/** A value to insert for a missing field: an empty string, zero, or an indented empty block. */
function placeholder(schema: SchemaNode | undefined): string {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  if (schema?.enum?.length) return String([...schema.enum].map(String).sort()[0]);
  switch (type) {
    case 'integer':
    case 'number':
      return '0';
    case 'boolean':
      return 'false';
    case 'array':
      return '[]';
    case 'object':
      return '{}';
    default:
      return '""';
  }
}

function finding(code: string, message: string, range: OffsetRange, data?: Record<string, unknown>): Finding {
  return { code, severity: 'error', message, range, data };
}

function listing(names: string[]): string {
  return names.length > 15 ? `${names.slice(0, 15).join(', ')}, …` : names.join(', ');
}

function article(type: string): string {
  if (type === 'integer or string') return 'an integer or a string';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(data: unknown): string {
  if (data === null) return 'empty (null)';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a map';
  if (typeof data === 'string') return `the string '${data}'`;
  if (typeof data === 'number') return Number.isInteger(data) ? `the integer ${data}` : `the number ${data}`;
  return `the ${typeof data} ${scalarText(data)}`;
}

/** Text of a scalar value for messages (objects never reach here, but are named rather than printed). */
function scalarText(data: unknown): string {
  if (typeof data === 'string') return data;
  return data !== null && typeof data === 'object' ? 'value' : (JSON.stringify(data) ?? 'undefined');
}

function boundText(e: ErrorObject): string {
  const limit = (e.params as { limit: number }).limit;
  const shown = typeof e.data === 'object' ? '' : ` (it is ${scalarText(e.data)})`;
  switch (e.keyword) {
    case 'minimum':
      return `must be at least ${limit}${shown}`;
    case 'maximum':
      return `must be at most ${limit}${shown}`;
    case 'exclusiveMinimum':
      return `must be greater than ${limit}${shown}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}${shown}`;
    case 'minLength':
      return `must be at least ${limit} characters long`;
    case 'maxLength':
      return `must be at most ${limit} characters long`;
    case 'minItems':
      return `needs at least ${limit} item${limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `may have at most ${limit} items`;
    case 'minProperties':
      return `needs at least ${limit} entr${limit === 1 ? 'y' : 'ies'}`;
    default:
      return `may have at most ${limit} entries`;
  }
}
