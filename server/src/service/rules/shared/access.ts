/** Type-safe access to plain YAML values: rules must never throw on values of an unexpected type. */
import type { PathSegment } from '../../yaml/nodes';

export type Obj = Record<string, unknown>;

/** The value as a map, or undefined. */
export function obj(v: unknown): Obj | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** The value as a list, or undefined. */
export function list(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** The value as a string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** `spec` as a map (empty when missing or not a map). */
export function specOf(value: Obj): Obj {
  return obj(value.spec) ?? {};
}

/** True for a list with at least one entry. */
export function nonEmptyList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

/** The map entries of a list with their indexes (other entries are skipped). */
export function mapItems(v: unknown): [number, Obj][] {
  const out: [number, Obj][] = [];
  (list(v) ?? []).forEach((item, i) => {
    const o = obj(item);
    if (o) out.push([i, o]);
  });
  return out;
}

/** The string entries of a list with their indexes. */
export function stringItems(v: unknown): [number, string][] {
  const out: [number, string][] = [];
  (list(v) ?? []).forEach((item, i) => {
    if (typeof item === 'string') out.push([i, item]);
  });
  return out;
}

/** A path as users read it: spec.rules[0].from. */
export function showPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
