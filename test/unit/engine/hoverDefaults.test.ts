/**
 * "Hover shows the default that the API server applies" (issue 11 §2). The API server applies a
 * structural-schema `default` when it stores an object. Istio's CRD bundle has none, which this test
 * reads from the bundle itself; so the hover says, for every field, that the API server applies no
 * default, and shows Istio's run-time default (where the field docs know it) under Istio's name.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { FieldDocs } from '../../../server/src/service/docs/fieldDocs';
import { describeField } from '../../../server/src/service/features/hover';
import { hoverText, ROOT, SCHEMAS } from '../helpers';

type Node = Record<string, unknown>;

/** The CRD bundle beside the main checkout (../shared) or beside a worktree (../../shared). */
let loaded: Node[] | undefined;
function bundle(): Node[] {
  if (loaded) return loaded;
  const candidates = [
    join(ROOT, '..', 'shared', 'istio', 'crd-all.gen.yaml'),
    join(ROOT, '..', '..', 'shared', 'istio', 'crd-all.gen.yaml'),
  ];
  const file = candidates.find((f) => existsSync(f));
  assert.ok(file, `the CRD bundle is needed for this test; looked in ${candidates.join(', ')}`);
  loaded = parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Node)
    .filter((d) => d?.kind === 'CustomResourceDefinition');
  return loaded;
}

const obj = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;

/** Paths of every schema node that has a `default` keyword (property names are not keywords). */
function defaultsIn(node: Node, at: string, out: string[]): void {
  if ('default' in node) out.push(at);
  for (const [name, child] of Object.entries(obj(node.properties) ?? {}))
    if (obj(child)) defaultsIn(child as Node, `${at}.${name}`, out);
  for (const key of ['items', 'additionalProperties', 'not'])
    if (obj(node[key])) defaultsIn(node[key] as Node, `${at}.${key}`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(node[key]))
      (node[key] as unknown[]).forEach((c, i) => obj(c) && defaultsIn(c as Node, `${at}.${key}[${i}]`, out));
}

function schemaOf(kind: string, version: string): Node {
  const crd = bundle().find((c) => obj(obj(c.spec)?.names)?.kind === kind);
  assert.ok(crd, kind);
  const v = (obj(crd.spec)?.versions as Node[]).find((x) => x.name === version);
  return obj(obj(v?.schema)?.openAPIV3Schema) as Node;
}

/** The bundle's schema node at a dotted field path (list items add no segment). */
function fieldSchema(kind: string, version: string, path: string): Node {
  let node = schemaOf(kind, version);
  for (const seg of path.split('.')) {
    while (node.type === 'array') node = obj(node.items) as Node;
    const next = obj(obj(node.properties)?.[seg]);
    assert.ok(next, `${kind} ${path}: no ${seg} in the bundle`);
    node = next;
  }
  return node;
}

test('the CRD bundle has no default in any structural schema', () => {
  const found: string[] = [];
  let schemas = 0;
  for (const crd of bundle()) {
    const kind = String(obj(obj(crd.spec)?.names)?.kind);
    for (const v of (obj(crd.spec)?.versions as Node[]) ?? []) {
      const s = obj(obj(v.schema)?.openAPIV3Schema);
      if (!s) continue;
      schemas++;
      defaultsIn(s, `${kind}/${String(v.name)}`, found);
    }
  }
  assert.ok(schemas > 20, `read ${schemas} schemas`);
  assert.deepEqual(found, []);
});

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    connectionPool:
      tcp:
        connectTimeout: 5s
    outlierDetection:
      baseEjectionTime: 1m
`;

const cases: { field: string; marked: string; istio?: string }[] = [
  // Istio's documented defaults: connect timeout 10s, base ejection time 30s; host has none.
  {
    field: 'spec.trafficPolicy.connectionPool.tcp.connectTimeout',
    marked: DR.replace('connectTimeout', 'connect|Timeout'),
    istio: '10s',
  },
  {
    field: 'spec.trafficPolicy.outlierDetection.baseEjectionTime',
    marked: DR.replace('baseEjectionTime', 'baseEjection|Time'),
    istio: '30s',
  },
  { field: 'spec.host', marked: DR.replace('  host:', '  ho|st:') },
];

for (const c of cases) {
  test(`hover on ${c.field}: the API server applies no default${c.istio ? `; Istio's is ${c.istio}` : ''}`, () => {
    assert.equal('default' in fieldSchema('DestinationRule', 'v1', c.field), false);
    const text = hoverText(c.marked);
    assert.match(text, /\*\*API server default:\*\* none\./);
    if (c.istio) {
      assert.ok(text.includes(`**Istio's default:** ${c.istio}.`), text);
      assert.match(text, /not written into the object/);
    } else {
      assert.doesNotMatch(text, /Istio's default/);
    }
    assert.doesNotMatch(text, /\*\*Default:\*\*/, 'no unlabelled default');
  });
}

test('a schema default, were there one, is shown as what the API server stores', () => {
  const docs = new FieldDocs(join(SCHEMAS, 'docs'));
  const text = describeField(
    'connectTimeout',
    { type: 'string', default: '10s' },
    false,
    { doc: 'x', default: '10s' },
    'DestinationRule',
    'spec.trafficPolicy.connectionPool.tcp.connectTimeout',
    { docs },
  );
  assert.ok(text.includes('**API server default:** `"10s"`. The API server stores this value'), text);
  assert.ok(text.includes("**Istio's default:** 10s."), text);
  assert.doesNotMatch(text, /not written into the object/);
});
