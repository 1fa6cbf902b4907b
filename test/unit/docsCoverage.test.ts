import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FieldDocs, type FieldDoc, type KindDocs } from '../../server/src/service/docs/fieldDocs';
import type { CatalogIndex, SchemaNode } from '../../server/src/service/schema/catalog';
import { SCHEMAS } from './helpers';

const CORE = ['VirtualService', 'DestinationRule', 'PeerAuthentication', 'AuthorizationPolicy'];
const index = JSON.parse(readFileSync(join(SCHEMAS, 'index.json'), 'utf8')) as CatalogIndex;
const docs = new FieldDocs(join(SCHEMAS, 'docs'));

/**
 * Every field path under spec: list items add no segment, map values add `*`. The values of a map of
 * scalars (labels, say) are listed only with `withScalarMaps`: documenting them is allowed, not required.
 */
function specPaths(node: SchemaNode, prefix: string, out: string[], withScalarMaps = false): string[] {
  for (const [k, v] of Object.entries(node.properties ?? {})) {
    const p = `${prefix}.${k}`;
    out.push(p);
    specPaths(v, p, out, withScalarMaps);
  }
  if (node.items) specPaths(node.items, prefix, out, withScalarMaps);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    const p = `${prefix}.*`;
    if (withScalarMaps || node.additionalProperties.properties) out.push(p);
    specPaths(node.additionalProperties, p, out, withScalarMaps);
  }
  return out;
}

function schemaOf(kind: string): SchemaNode {
  const entry = index.kinds.find((k) => k.kind === kind)!;
  const s = JSON.parse(
    readFileSync(join(SCHEMAS, entry.group, entry.storageVersion, `${kind}.json`), 'utf8'),
  ) as SchemaNode;
  return s.properties!.spec;
}

/** Every path an entry of the docs file can be reached by: fields, and messages through the fields that use them. */
function documentedPaths(kd: KindDocs): Set<string> {
  const out = new Set<string>();
  const expand = (table: Record<string, FieldDoc>, prefix: string, depth: number): void => {
    if (depth > 20) return;
    for (const [k, entry] of Object.entries(table)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      if (entry.message && kd.messages?.[entry.message]) expand(kd.messages[entry.message], p, depth + 1);
    }
  };
  expand(kd.fields, '', 0);
  return out;
}

for (const kind of index.kinds.map((k) => k.kind)) {
  const core = CORE.includes(kind);
  test(`${kind}: every schema field has docs of this project's own${core ? ', in full' : ''}`, () => {
    const kd = docs.kind(kind);
    assert.ok(kd, `schemas/docs/${kind}.json is missing`);
    assert.ok(kd.summary.length > 40, 'the kind needs a summary');
    const paths = specPaths(schemaOf(kind), 'spec', []);
    const missing = paths.filter((p) => !docs.field(kind, p)?.doc);
    assert.deepEqual(missing, [], `fields without docs in ${kind}`);
    if (core) {
      // Every enum of the core kinds explains each of its values.
      for (const p of paths) {
        const s = p.split('.').slice(1);
        let node: SchemaNode | undefined = schemaOf(kind);
        for (const seg of s) {
          const at: SchemaNode | undefined = node?.items ?? node;
          node = seg === '*' ? (at?.additionalProperties as SchemaNode | undefined) : at?.properties?.[seg];
        }
        const values = (node?.items ?? node)?.enum;
        if (!values) continue;
        const doc = docs.field(kind, p);
        for (const v of values)
          assert.ok(doc?.values?.[String(v)], `${kind} ${p}: value ${String(v)} has no meaning`);
      }
    }
  });

  test(`${kind}: every docs entry names a field that exists`, () => {
    const kd = docs.kind(kind);
    assert.ok(kd);
    const real = new Set(specPaths(schemaOf(kind), 'spec', [], true));
    const extra = [...documentedPaths(kd)].filter((p) => p.startsWith('spec') && !real.has(p));
    assert.deepEqual(extra, [], `docs entries with no schema field in ${kind}`);
  });
}
