import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeAt, hoverText, service, withCursor } from '../helpers';

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 100
`;

test('hover on a field shows path, type, required flag and a reference link', () => {
  const text = hoverText(DR.replace('maxConnections', 'maxConn|ections'));
  assert.match(text, /\*\*maxConnections\*\* · `integer` · optional/);
  assert.match(text, /spec\.trafficPolicy\.connectionPool\.tcp\.maxConnections/);
  assert.match(text, /destination-rule\//);
});

test('hover on a required field says so', () => {
  assert.match(
    hoverText(DR.replace('  host: reviews', '  ho|st: reviews')),
    /\*\*host\*\* · `string` · required/,
  );
});

test('hover on an enum field lists the allowed values', () => {
  const pa =
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec:\n  mtls:\n    mo|de: STRICT\n';
  const text = hoverText(pa);
  for (const v of ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']) assert.match(text, new RegExp('`' + v + '`'));
});

test('hover on kind shows what the resource is and its served versions', () => {
  const text = hoverText(DR.replace('kind: DestinationRule', 'kind: Destination|Rule'));
  assert.match(text, /\*\*DestinationRule\*\*/);
  assert.match(text, /networking\.istio\.io\/v1`/);
  assert.match(text, /networking\.istio\.io\/v1alpha3/);
  assert.match(text, /Istio 1\.30\.3/);
});

test('hover on a diagnostic shows its explanation', () => {
  const text = hoverText(DR.replace('maxConnections', 'maxConn|ectons'));
  assert.match(text, /Unknown field/);
  assert.match(text, /prunes unknown fields silently/);
});

test('hover outside Istio documents returns nothing', () => {
  assert.equal(hoverText('apiVersion: apps/v1\nkind: Deployment\nspec:\n  repl|icas: 1\n'), '');
});

test('completion inside trafficPolicy lists its keys, not the ones present', () => {
  const items = completeAt(
    DR.replace(
      '    connectionPool:\n      tcp:\n        maxConnections: 100\n',
      '    connectionPool: {}\n    |\n',
    ),
  );
  const labels = items.map((i) => i.label);
  for (const k of ['loadBalancer', 'outlierDetection', 'tls', 'portLevelSettings'])
    assert.ok(labels.includes(k), labels.join());
  assert.ok(!labels.includes('connectionPool'));
  assert.ok(!labels.includes('host'));
});

test('completion inside connectionPool.tcp lists maxConnections with docs and the right insert text', () => {
  const items = completeAt(DR.replace('        maxConnections: 100\n', '        |\n'));
  const item = items.find((i) => i.label === 'maxConnections');
  assert.ok(item, items.map((i) => i.label).join());
  assert.equal(item.insertText, 'maxConnections: $0');
  const doc = item.documentation as { value: string };
  assert.match(doc.value, /integer/);
  const keepalive = items.find((i) => i.label === 'tcpKeepalive');
  assert.equal(keepalive?.insertText, 'tcpKeepalive:\n          $0');
});

test('completion puts required fields first', () => {
  const items = completeAt(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: a}
spec:
  |
`);
  const host = items.find((i) => i.label === 'host');
  const subsets = items.find((i) => i.label === 'subsets');
  assert.ok(host && subsets);
  assert.ok(String(host.sortText) < String(subsets.sortText));
  assert.equal(subsets.insertText, 'subsets:\n  - $0');
});

test('completion in a list item of http routes offers HTTPRoute keys', () => {
  const items = completeAt(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: a}
spec:
  hosts: [a]
  http:
  - route:
    - destination: {host: a}
    |
`);
  const labels = items.map((i) => i.label);
  assert.ok(
    labels.includes('timeout') && labels.includes('retries') && labels.includes('fault'),
    labels.join(),
  );
  assert.ok(!labels.includes('route'));
});

test('completion of enum values and booleans', () => {
  const pa = completeAt(
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec:\n  mtls:\n    mode: |\n',
  );
  assert.deepEqual(pa.map((i) => i.label).sort(), ['DISABLE', 'PERMISSIVE', 'STRICT', 'UNSET']);
  const b = completeAt(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: a}
spec:
  host: a
  trafficPolicy:
    tls:
      insecureSkipVerify: |
`);
  assert.deepEqual(
    b.map((i) => i.label),
    ['true', 'false'],
  );
});

test('completion of apiVersion and kind at the top level', () => {
  const versions = completeAt('apiVersion: |\n').map((i) => i.label);
  assert.ok(versions.includes('networking.istio.io/v1'));
  assert.ok(versions.includes('security.istio.io/v1beta1'));
  assert.ok(versions.includes('telemetry.istio.io/v1alpha1'));
  const kinds = completeAt('apiVersion: security.istio.io/v1\nkind: |\n').map((i) => i.label);
  assert.deepEqual(kinds.sort(), ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication']);
  const top = completeAt('|\n').map((i) => i.label);
  assert.ok(top.includes('apiVersion') && top.includes('kind'));
});

test('the outline has one symbol per Istio resource', () => {
  const s = service();
  const { text } = withCursor(`${DR}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec: {mtls: {mode: STRICT}}
|`);
  const symbols = s.symbols(s.snapshot('file:///outline.yaml', 1, text));
  assert.deepEqual(
    symbols.map((x) => [x.name, x.range.start.line, x.detail]),
    [
      ['DestinationRule reviews', 0, 'networking.istio.io/v1'],
      ['PeerAuthentication default', 15, 'security.istio.io/v1 · istio-system'],
    ],
  );
  assert.deepEqual(
    symbols[0].children?.map((c) => c.name),
    ['host', 'trafficPolicy'],
  );
});

test('a destination subset completes with the subsets of the DestinationRule for that host', () => {
  const items = completeAt(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews.default.svc.cluster.local
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings}
spec:
  host: ratings
  subsets:
  - name: other
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: |
`);
  assert.deepEqual(
    items.map((i) => i.label),
    ['v1', 'v2'],
  );
});

test('a VirtualService gateways entry completes with the Gateways of the file', () => {
  const items = completeAt(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: web, namespace: edge}
spec:
  servers: []
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  gateways:
  - |
`);
  assert.deepEqual(
    items.map((i) => i.label),
    ['edge/web'],
  );
});

test('an empty document offers a new resource of each kind, with a minimal valid spec', () => {
  const items = completeAt('|');
  const vs = items.find((i) => i.label === 'New VirtualService');
  assert.ok(vs, items.map((i) => i.label).join());
  assert.match(
    String(vs.insertText),
    /^apiVersion: networking\.istio\.io\/v1\nkind: VirtualService\nmetadata:\n {2}name: \$\{1:/,
  );
  assert.equal(items.filter((i) => String(i.label).startsWith('New ')).length, 16);
});
