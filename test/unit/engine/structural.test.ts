import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { SchemaCatalog } from '../../../server/src/service/schema/catalog';
import { listTypeSites } from '../../../server/src/service/schema/structural';
import { diagnose, expectDiagnostic, SCHEMAS } from '../helpers';

interface Crd {
  spec: {
    names: { kind: string };
    group: string;
    versions: { name: string; schema: { openAPIV3Schema: unknown } }[];
  };
}

/** Every map/set list of the CRD bundle, read from the bundle itself. */
function bundleSites(): string[] {
  const out: string[] = [];
  const text = readFileSync('/work/shared/istio/crd-all.gen.yaml', 'utf8');
  for (const d of parseAllDocuments(text)) {
    const crd = d.toJS() as Crd | null;
    if (!crd?.spec?.versions) continue;
    for (const v of crd.spec.versions) {
      const walk = (s: Record<string, unknown> | undefined, p: string): void => {
        if (!s) return;
        const t = s['x-kubernetes-list-type'];
        if (t === 'map' || t === 'set')
          out.push(`${crd.spec.group}/${v.name}/${crd.spec.names.kind} ${p} (${String(t)})`);
        for (const [k, x] of Object.entries(
          (s.properties as Record<string, Record<string, unknown>>) ?? {},
        )) {
          walk(x, p ? `${p}.${k}` : k);
        }
        walk(s.items as Record<string, unknown> | undefined, `${p}[]`);
        if (typeof s.additionalProperties === 'object')
          walk(s.additionalProperties as Record<string, unknown>, `${p}.*`);
      };
      walk(v.schema.openAPIV3Schema as Record<string, unknown>, '');
    }
  }
  return out.sort();
}

test('every x-kubernetes-list-type list of the CRD bundle is in the schemas the engine checks', () => {
  const expected = bundleSites();
  assert.ok(expected.length >= 7, expected.join('\n'));
  const catalog = new SchemaCatalog(SCHEMAS);
  const engine: string[] = [];
  for (const k of catalog.index.kinds) {
    for (const v of k.versions) {
      if (k.group === 'install.istio.io') continue;
      for (const site of listTypeSites(catalog.schema(k.group, v, k.kind)))
        engine.push(`${k.group}/${v}/${k.kind} ${site}`);
    }
  }
  assert.deepEqual(engine.sort(), expected);
});

const SE = (ports: string): string => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: se
spec:
  hosts: [a.example.com]
  resolution: DNS
  ports:
${ports}`;

test('a list-type map rejects a second item with the same key, with the first as related information', () => {
  const diags = diagnose(
    SE(
      '  - name: http\n    number: 80\n    protocol: HTTP\n  - name: http\n    number: 8080\n    protocol: HTTP\n',
    ),
  );
  const d = expectDiagnostic(diags, 'duplicate-list-item', 11);
  assert.match(d.message, /Duplicate value: name 'http'/);
  assert.equal(d.relatedInformation?.[0]?.location.range.start.line, 8);
});

test('a list-type map with distinct keys is fine', () => {
  const diags = diagnose(
    SE(
      '  - name: http\n    number: 80\n    protocol: HTTP\n  - name: web\n    number: 8080\n    protocol: HTTP\n',
    ),
  );
  assert.deepEqual(
    diags.filter((d) => d.code === 'duplicate-list-item'),
    [],
  );
});

test('WasmPlugin env (list-type map keyed by name) is checked too', () => {
  const text = `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata:
  name: w
spec:
  url: oci://example.com/plugin:1
  vmConfig:
    env:
    - name: A
      value: "1"
    - name: A
      value: "2"
`;
  expectDiagnostic(diagnose(text), 'duplicate-list-item', 10);
});

test('a null in a non-nullable field is a hint that the API server drops it, not an error', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: d
spec:
  host: a
  trafficPolicy:
`;
  const diags = diagnose(text);
  const d = expectDiagnostic(diags, 'null-dropped', 6);
  assert.equal(d.severity, 4);
  assert.deepEqual(
    diags.filter((x) => x.severity === 1),
    [],
    JSON.stringify(diags),
  );
});

test('a null where Istio needs a value keeps the error', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: d
spec:
  host:
`;
  const diags = diagnose(text);
  expectDiagnostic(diags, 'null-dropped', 5);
  assert.ok(
    diags.some((d) => d.severity === 1),
    JSON.stringify(diags),
  );
});

const VS = (extra: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: v
spec:
  hosts: [a]
${extra}`;

test('on in a string field: one error saying the server gets a boolean, with a quote fix', () => {
  const diags = diagnose(VS('  gateways: [on]\n  http:\n  - route:\n    - destination:\n        host: a\n'));
  const d = expectDiagnostic(diags, 'yaml-boolean-value', 6);
  assert.match(d.message, /boolean true/);
  assert.equal(diags.filter((x) => x.range.start.line === 6).length, 1, JSON.stringify(diags));
});

test('on as a map key is the key "true": a warning', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: d
  labels:
    on: x
spec:
  host: a
`;
  expectDiagnostic(diagnose(text), 'yaml-boolean-key', 5);
});

test('a leading zero makes a port octal: a warning with the value the server gets', () => {
  const diags = diagnose(
    VS('  http:\n  - route:\n    - destination:\n        host: a\n        port:\n          number: 010\n'),
  );
  const d = expectDiagnostic(diags, 'yaml-octal-number', 11);
  assert.match(d.message, /octal number 8/);
  assert.equal(d.severity, 2);
});

test('yes in a boolean field is just true', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: g
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
    tls:
      httpsRedirect: yes
`;
  assert.deepEqual(
    diagnose(text).filter((d) => String(d.code).startsWith('yaml-')),
    [],
  );
});
