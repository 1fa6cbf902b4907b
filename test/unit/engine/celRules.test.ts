import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseChunk } from '../../../server/src/service/yaml/parse';
import { identify } from '../../../server/src/service/resource';
import { CelRuleCompiler } from '../../../server/src/service/cel/rules';
import { parseRequestUri } from '../../../server/src/service/cel/kubernetesLibrary';
import type { SchemaNode } from '../../../server/src/service/schema/catalog';
import { SCHEMAS, service } from '../helpers';

type Seg = string | number;
interface Location {
  file: string;
  group: string;
  version: string;
  kind: string;
  path: Seg[];
  node: SchemaNode;
  rule: string;
}

function schemaFiles(): { file: string; group: string; version: string; kind: string }[] {
  const out = [];
  for (const group of readdirSync(SCHEMAS)) {
    const g = join(SCHEMAS, group);
    if (!statSync(g).isDirectory() || group === 'docs' || !group.endsWith('istio.io')) continue;
    for (const version of readdirSync(g)) {
      for (const f of readdirSync(join(g, version))) {
        out.push({ file: join(g, version, f), group, version, kind: f.replace(/\.json$/, '') });
      }
    }
  }
  return out;
}

/** Every x-kubernetes-validations entry of every generated schema, with the path that reaches it. */
function locations(): Location[] {
  const out: Location[] = [];
  for (const s of schemaFiles()) {
    if (s.group === 'install.istio.io') continue;
    const walk = (node: SchemaNode, path: Seg[]): void => {
      for (const v of node['x-kubernetes-validations'] ?? []) out.push({ ...s, path, node, rule: v.rule });
      for (const [k, child] of Object.entries(node.properties ?? {})) walk(child, [...path, k]);
      if (node.items) walk(node.items, [...path, 0]);
      if (node.additionalProperties && typeof node.additionalProperties === 'object')
        walk(node.additionalProperties, [...path, 'k']);
    };
    walk(JSON.parse(readFileSync(s.file, 'utf8')) as SchemaNode, []);
  }
  return out;
}

/** A small value of the node's type, so that the rule on it has something to look at. */
function sample(node: SchemaNode): unknown {
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (node.enum?.length) return node.enum[0];
  switch (type) {
    case 'string':
      return 'x';
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return node.items ? [sample(node.items)] : [];
    case 'object':
      if (node.additionalProperties && typeof node.additionalProperties === 'object') {
        return { k: sample(node.additionalProperties) };
      }
      return {};
    default:
      return node['x-kubernetes-int-or-string'] ? 1 : 'x';
  }
}

function buildDocument(loc: Location): string {
  let value: unknown = sample(loc.node);
  for (let i = loc.path.length - 1; i >= 0; i--) {
    const seg = loc.path[i];
    value = typeof seg === 'number' ? [value] : { [seg]: value };
  }
  const doc = {
    apiVersion: `${loc.group}/${loc.version}`,
    kind: loc.kind,
    metadata: { name: 'n' },
    ...(value as object),
  };
  return JSON.stringify(doc, null, 1);
}

const all = locations();

test('all the CEL rules of the bundle are in the generated schemas', () => {
  // crd-all.gen.yaml (Istio 1.30.3) has 309 x-kubernetes-validations blocks holding 362 rules,
  // counting every served version of every kind.
  assert.equal(all.length, 362);
  assert.equal(new Set(all.map((l) => `${l.file}#${l.path.join('.')}`)).size, 309);
});

test('every CEL rule in the bundle compiles with the Kubernetes library functions', () => {
  const cel = new CelRuleCompiler();
  const failures: string[] = [];
  for (const rule of new Set(all.map((l) => l.rule))) {
    const outcome = cel.compile({ rule }).evaluate('x');
    if (!outcome.ok && outcome.error && /could not be compiled|unbound/i.test(outcome.error)) {
      failures.push(`${rule}: ${outcome.error}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('every CEL rule at every place in every schema is evaluated by the validation pipeline', () => {
  const svc = service();
  const missed: string[] = [];
  const errors: string[] = [];
  for (const loc of all) {
    const before = svc.cel.evaluations.get(loc.rule) ?? 0;
    const parsed = parseChunk(buildDocument(loc));
    const validator = (
      svc as unknown as {
        validator: {
          check: (p: unknown, id: unknown) => { code: string; data?: { evaluationError?: string } }[];
        };
      }
    ).validator;
    const findings = validator.check(parsed, identify(parsed));
    const after = svc.cel.evaluations.get(loc.rule) ?? 0;
    if (after <= before)
      missed.push(`${loc.group}/${loc.version}/${loc.kind} ${loc.path.join('.')}: ${loc.rule}`);
    for (const f of findings) {
      const e = f.data?.evaluationError;
      if (f.code === 'cel-rule' && e && /could not be compiled|overload|undeclared|unbound/i.test(e))
        errors.push(`${loc.path.join('.')}: ${e}`);
    }
  }
  assert.deepEqual(missed, []);
  assert.deepEqual(errors, []);
});

test('url(), isURL() and getScheme() follow Go url.ParseRequestURI', () => {
  assert.equal(parseRequestUri('oci://ghcr.io/a/b:1')?.scheme, 'oci');
  assert.equal(parseRequestUri('https://example.com/x')?.scheme, 'https');
  assert.equal(parseRequestUri('/just/a/path')?.scheme, '');
  assert.equal(parseRequestUri('relative/path'), undefined);
  assert.equal(parseRequestUri('http://bad host/'), undefined);
  const cel = new CelRuleCompiler();
  const r = cel.compile({ rule: 'url(self).getScheme() in ["http", "https"]' });
  assert.equal(r.evaluate('https://a.example/jwks').ok, true);
  assert.equal(r.evaluate('ftp://a.example/jwks').ok, false);
  assert.equal(r.evaluate('not a url').ok, false);
  const isUrl = cel.compile({ rule: 'isURL(self)' });
  assert.equal(isUrl.evaluate('http://x').ok, true);
  assert.equal(isUrl.evaluate('x y').ok, false);
});

test('duration() and matches() behave as in Kubernetes CEL', () => {
  const cel = new CelRuleCompiler();
  const d = cel.compile({ rule: "duration(self) >= duration('1ms')" });
  assert.equal(d.evaluate('1ms').ok, true);
  assert.equal(d.evaluate('1h30m').ok, true);
  assert.equal(d.evaluate('999us').ok, false);
  assert.equal(d.evaluate('10').ok, false, 'a bare number is not a duration');
  const m = cel.compile({ rule: 'self.matches("^[a-z]+$")' });
  assert.equal(m.evaluate('abc').ok, true);
  assert.equal(m.evaluate('ab1').ok, false);
});

test('the strings extension is there, as in Kubernetes: unix socket addresses pass the CRD rules', () => {
  const cel = new CelRuleCompiler();
  const r = cel.compile({ rule: 'self.startsWith("unix://") ? (self.substring(7, 8) == "/") : true' });
  assert.equal(r.evaluate('unix:///var/run/app.sock').ok, true);
  assert.equal(r.evaluate('unix://relative.sock').ok, false);
});

test('a WorkloadEntry with an absolute unix socket address is valid', () => {
  const svc = service();
  const text =
    'apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: w}\nspec:\n  address: unix:///var/run/app.sock\n';
  const diags = svc.diagnostics(svc.snapshot('file:///we.yaml', 1, text), {
    validation: { enable: true, ignore: [], maxFileSizeMB: 5 },
  });
  assert.deepEqual(
    diags.map((d) => [d.code, d.message]),
    [],
  );
});
