import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { Finding, OffsetRange } from '../types';
import { goFloatKey, resolvePlain, resolveTagged, type GoScalar } from './goScalar';

/** The JSON value kubectl sends for one document, with what was learnt while building it. */
export interface Decoded {
  /** undefined when kubectl could not convert the document (the findings say why). */
  value: unknown;
  findings: Finding[];
  /** Integers beyond 2^53, exactly as written, by JSON pointer: a JS number cannot hold them. */
  exactInts: Map<string, bigint>;
}

/** Nodes built by expanding aliases, beyond which the document counts as an alias bomb. */
export const MAX_ALIAS_NODES = 100_000;

class Stop extends Error {}

/**
 * Builds the JSON value of a parsed document the way sigs.k8s.io/yaml does: go-yaml v2 decodes the
 * tree (scalars resolved by goScalar.ts, `<<` merges applied in order, the last of duplicate keys
 * kept), then every map key becomes a string (`on` becomes "true", `1.5` stays "1.5") and the result
 * is encoded as JSON, which has no NaN or infinity. Where kubectl fails, the finding says how and the
 * value is undefined; duplicate keys are warnings, since kubectl accepts them.
 */
export function decodeDocument(doc: Document.Parsed): Decoded {
  const findings: Finding[] = [];
  const exactInts = new Map<string, bigint>();
  const path: (string | number)[] = [];
  const expanding = new Set<Node>();
  let aliasNodes = 0;
  let failed = false;

  const error = (node: Node | null | undefined, code: string, message: string, fatal = true): void => {
    findings.push({ code, severity: 'error', message, range: rangeOf(node) });
    if (fatal) failed = true;
  };

  const target = (node: Node): Node => {
    if (!isAlias(node)) return node;
    const t = node.resolve(doc);
    if (!t) {
      error(node, 'yaml-syntax', `YAML syntax error: unknown anchor '${node.source}' referenced`);
      throw new Stop();
    }
    if (expanding.has(t)) {
      error(
        node,
        'yaml-alias-cycle',
        `The alias *${node.source} refers to a node that contains it, so the document has no value. Remove the alias.`,
      );
      throw new Stop();
    }
    return t;
  };

  const scalar = (node: Scalar): GoScalar | { error: string } => {
    const text =
      typeof node.source === 'string' ? node.source : typeof node.value === 'string' ? node.value : '';
    const explicit = node.tag && node.tag !== '?' ? node.tag : undefined;
    if (explicit) return resolveTagged(explicit, text);
    if (node.type === 'PLAIN' || node.type === undefined) return resolvePlain(text);
    return { kind: 'string', value: text };
  };

  const convert = (raw: Node | null, inAlias: boolean): unknown => {
    if (raw === null) return null;
    if (inAlias && ++aliasNodes > MAX_ALIAS_NODES) {
      error(
        raw,
        'yaml-alias-bomb',
        `This document's aliases expand to more than ${MAX_ALIAS_NODES} nodes, so it was not validated. Replace the nested anchors (&name) and aliases (*name) with plain values.`,
      );
      throw new Stop();
    }
    if (isAlias(raw)) {
      const t = target(raw);
      expanding.add(t);
      try {
        return convert(t, true);
      } finally {
        expanding.delete(t);
      }
    }
    if (isScalar(raw)) {
      const r = scalar(raw);
      if ('error' in r) {
        error(raw, 'yaml-syntax', `YAML syntax error: ${r.error}`);
        return null;
      }
      if (r.kind === 'float' && !Number.isFinite(r.value)) {
        const spelled = Number.isNaN(r.value) ? 'NaN' : r.value > 0 ? '+Inf' : '-Inf';
        error(
          raw,
          'yaml-non-json-number',
          `'${String(raw.source)}' is ${spelled === 'NaN' ? 'not a number' : 'infinity'}, which JSON cannot carry: kubectl fails with "json: unsupported value: ${spelled}". Quote it to send a string, or write a finite number.`,
        );
        return null;
      }
      if (r.kind === 'int' && !Number.isSafeInteger(r.value)) exactInts.set(pointer(path), r.exact);
      return r.value;
    }
    if (isSeq(raw)) {
      const out: unknown[] = [];
      raw.items.forEach((item, i) => {
        path.push(i);
        out.push(convert(item as Node | null, inAlias));
        path.pop();
      });
      return out;
    }
    if (isMap(raw)) {
      const out: Record<string, unknown> = {};
      mapInto(out, raw, inAlias, true);
      return out;
    }
    return null;
  };

  const mapInto = (out: Record<string, unknown>, map: Node, inAlias: boolean, report: boolean): void => {
    if (!isMap(map)) return;
    const first = new Map<string, Node | null>();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (
        isScalar(keyNode) &&
        keyNode.source === '<<' &&
        keyNode.type === 'PLAIN' &&
        (!keyNode.tag || keyNode.tag === '?')
      ) {
        merge(out, valueNode, inAlias);
        continue;
      }
      const key = keyString(keyNode);
      if (key === undefined) continue;
      path.push(key);
      const value = convert(valueNode, inAlias);
      path.pop();
      const earlier = first.get(key);
      if (earlier !== undefined && report && !inAlias) {
        findings.push({
          code: 'yaml-duplicate-key',
          severity: 'warning',
          message: `${spelledAs(keyNode, key)}is set twice in this map. kubectl keeps the last value and drops the earlier one without a word. Remove one of them.`,
          range: rangeOf(keyNode),
          related: [
            { range: rangeOf(earlier), message: `'${key}' is first set here; this value is dropped` },
          ],
        });
      }
      if (earlier === undefined) first.set(key, keyNode);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
  };

  const merge = (out: Record<string, unknown>, node: Node | null, inAlias: boolean): void => {
    const wantMap = (): never => {
      error(
        node,
        'yaml-syntax',
        'YAML syntax error: map merge requires map or sequence of maps as the value (<<: needs a map, an alias of one, or a list of them)',
      );
      throw new Stop();
    };
    if (node === null) return wantMap();
    const mapOf = (n: Node): void => {
      const aliased = isAlias(n);
      const t = target(n);
      if (!isMap(t)) wantMap();
      expanding.add(t);
      try {
        mapInto(out, t, inAlias || aliased, false);
      } finally {
        expanding.delete(t);
      }
    };
    const t = isAlias(node) ? target(node) : node;
    if (isMap(t)) return mapOf(node);
    if (isSeq(t) && !isAlias(node)) {
      // Earlier maps take precedence, so go-yaml applies them from the last to the first.
      for (let i = t.items.length - 1; i >= 0; i--) {
        const item = t.items[i] as Node | null;
        if (item === null) wantMap();
        else mapOf(item);
      }
      return;
    }
    wantMap();
  };

  /** sigs.k8s.io/yaml's key conversion: strings, ints, floats and booleans become strings. */
  const keyString = (node: Node | null): string | undefined => {
    const k = node && isAlias(node) ? target(node) : node;
    if (k === null || (isScalar(k) && isNull(scalar(k)))) {
      error(
        node,
        'yaml-invalid-key',
        'An empty or null map key cannot be sent: kubectl fails with "unsupported map key of type: <nil>". Give the key a name.',
      );
      return undefined;
    }
    if (!isScalar(k)) {
      error(
        node,
        'yaml-invalid-key',
        'A list or map cannot be a map key: kubectl fails with "invalid map key". Use a plain name.',
      );
      return undefined;
    }
    const r = scalar(k);
    if ('error' in r) {
      error(node, 'yaml-syntax', `YAML syntax error: ${r.error}`);
      return undefined;
    }
    switch (r.kind) {
      case 'string':
        return r.value;
      case 'bool':
        return String(r.value);
      case 'int':
        if (r.unsigned) {
          error(
            node,
            'yaml-invalid-key',
            `The key ${String(k.source)} is too large for a signed 64-bit integer: kubectl fails with "unsupported map key of type: uint64". Quote it.`,
          );
          return undefined;
        }
        return r.exact.toString();
      case 'float':
        return goFloatKey(r.value);
      default:
        return undefined;
    }
  };

  let value: unknown;
  try {
    value = convert(doc.contents ?? null, false);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    failed = true;
  }
  return { value: failed ? undefined : value, findings, exactInts };
}

function rangeOf(node: Node | null | undefined): OffsetRange {
  const r = node?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
}

function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isNull(r: GoScalar | { error: string }): boolean {
  return 'kind' in r && r.kind === 'null';
}

/** `'a' ` or, for a key go-yaml reads differently (`on:`), "`on` is the key 'true', which ". */
function spelledAs(node: Node | null, key: string): string {
  const source = isScalar(node) && typeof node.source === 'string' ? node.source : key;
  return source === key ? `'${key}' ` : `'${source}' is read as the key '${key}', which `;
}
