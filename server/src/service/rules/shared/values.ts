import type { PathSegment } from '../../yaml/nodes';

/** A YAML map as a plain object. */
export type Obj = Record<string, unknown>;

/** True for a plain map (not null, not a list). */
export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The map at `value`, or undefined. */
export function obj(value: unknown): Obj | undefined {
  return isObj(value) ? value : undefined;
}

/** The list at `value`, or an empty list. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The string at `value`, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The finite number at `value`, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A field that Go would see as set: present and not null. */
export function isSet(o: Obj | undefined, key: string): boolean {
  return o !== undefined && o[key] !== undefined && o[key] !== null;
}

/** A list field that Go would see as non-empty. */
export function nonEmptyList(o: Obj | undefined, key: string): boolean {
  return o !== undefined && Array.isArray(o[key]) && o[key].length > 0;
}

/** The entries of a map (an empty list when it is not a map). */
export function entries(value: unknown): [string, unknown][] {
  return isObj(value) ? Object.entries(value) : [];
}

/** Size of a string in UTF-8 bytes, as Go's len() counts it. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Formats a path for messages: spec.http[0].match[1].headers["x-user"]. */
export function fieldPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The object's metadata.namespace, when the document states it. */
export function namespaceOf(value: Obj): string | undefined {
  const ns = obj(value.metadata)?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}
