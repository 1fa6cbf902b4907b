import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { indexCompletions, MAX_ITEMS } from '../../../server/src/service/workspace/completionSources';
import type { Resource } from '../../../server/src/service/workspace/summary';
import { workspace, type TestWorkspace } from './meshFixture';

/** The text without its `|`, and the position of the `|`. */
function cursor(marked: string): { text: string; line: number; character: number } {
  const lines = marked.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const character = lines[line].indexOf('|');
  return { text: marked.replace('|', ''), line, character };
}

/** Completion at the `|` of a file added to the mesh workspace. */
function completeAt(
  marked: string,
  extra: Record<string, string> = {},
  mesh = true,
): { items: CompletionItem[]; incomplete: boolean; ws: TestWorkspace } {
  const { text, line, character } = cursor(marked);
  const ws = workspace({ ...extra, 'bookinfo/editing.yaml': text }, mesh);
  const r = indexCompletions(ws.engine.index, ws.resolver, ws.file('bookinfo/editing.yaml'), {
    line,
    character,
  });
  return { ...r, ws };
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const pairs = (items: CompletionItem[]): [string, string | undefined][] =>
  items.map((i) => [i.label, i.detail]);

const vs = (ns: string, body: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: editing
  namespace: ${ns}
spec:
${body}`;

const route = (ns: string, destination: string): string =>
  vs(ns, `  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n${destination}`);

const ap = (ns: string, body: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: editing
  namespace: ${ns}
spec:
${body}`;

const ISTIO_CONFIG = (mesh: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
${mesh
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;

describe('completion from the index: hosts', () => {
  it('offers visible Services (short name in the same namespace, FQDN) and ServiceEntry hosts as written', () => {
    const { items } = completeAt(route('bookinfo', '        host: |\n'));
    assert.deepEqual(pairs(items), [
      ['reviews', 'Service bookinfo/reviews · bookinfo/services.yaml:4'],
      ['reviews.bookinfo.svc.cluster.local', 'Service bookinfo/reviews · bookinfo/services.yaml:4'],
      ['api.example.com', 'ServiceEntry bookinfo/external · bookinfo/se.yaml:4'],
      ['ratings.other.svc.cluster.local', 'Service other/ratings · bookinfo/services.yaml:26'],
    ]);
  });

  it('a Service exported to its own namespace is offered only there, by its short name too', () => {
    const { items } = completeAt(route('other', '        host: |\n'));
    assert.deepEqual(labels(items), [
      'secret-svc',
      'secret-svc.other.svc.cluster.local',
      'ratings',
      'ratings.other.svc.cluster.local',
      'reviews.bookinfo.svc.cluster.local',
      'api.example.com',
    ]);
  });

  it('MeshConfig defaultServiceExportTo "." hides Services without the annotation from other namespaces', () => {
    const { items } = completeAt(route('bookinfo', '        host: |\n'), {
      'mesh/istio.yaml': ISTIO_CONFIG('defaultServiceExportTo: ["."]'),
    });
    assert.deepEqual(labels(items), ['reviews', 'reviews.bookinfo.svc.cluster.local', 'api.example.com']);
  });

  it('the cluster domain setting gives the FQDN form', () => {
    const { text, line, character } = cursor(route('bookinfo', '        host: |\n'));
    const ws = workspace({ 'bookinfo/editing.yaml': text });
    const settings = {
      ...DEFAULT_SETTINGS,
      mesh: { ...DEFAULT_SETTINGS.mesh!, clusterDomain: 'corp.example' },
    };
    const r = ws.engine.resolver(settings);
    const got = indexCompletions(ws.engine.index, r, ws.file('bookinfo/editing.yaml'), { line, character });
    assert.ok(labels(got.items).includes('reviews.bookinfo.svc.corp.example'));
    assert.ok(!labels(got.items).includes('reviews.bookinfo.svc.cluster.local'));
  });

  it('replaces what is typed so far, and DestinationRule hosts may be wildcards', () => {
    const { items } = completeAt(route('bookinfo', '        host: rev|\n'));
    const first = items[0];
    assert.deepEqual(first.textEdit, {
      range: { start: { line: 10, character: 14 }, end: { line: 10, character: 17 } },
      newText: 'reviews',
    });
    const dr = completeAt(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: editing
  namespace: bookinfo
spec:
  host: |
`);
    assert.ok(labels(dr.items).includes('*.wild.example.com'));
    assert.ok(!labels(items).includes('*.wild.example.com'), 'a destination host is not a wildcard');
  });
});

describe('completion from the index: subsets and ports', () => {
  it('subset: the subsets of the DestinationRule for the destination host, with its file and line', () => {
    const { items } = completeAt(route('bookinfo', '        host: reviews\n        subset: |\n'));
    assert.deepEqual(pairs(items), [
      ['v1', 'subset of DestinationRule bookinfo/reviews · bookinfo/dr.yaml:4'],
      ['v2', 'subset of DestinationRule bookinfo/reviews · bookinfo/dr.yaml:4'],
    ]);
  });

  it('port number: the ports of the destination Service, whether host is above or below', () => {
    const above = completeAt(
      route('bookinfo', '        host: reviews\n        port:\n          number: |\n'),
    );
    assert.deepEqual(pairs(above.items), [
      ['9080', 'port http · Service bookinfo/reviews · bookinfo/services.yaml:4'],
      ['9090', 'port grpc · Service bookinfo/reviews · bookinfo/services.yaml:4'],
    ]);
    const below = completeAt(
      route('bookinfo', '        port:\n          number: |\n        host: api.example.com\n'),
    );
    assert.deepEqual(pairs(below.items), [
      ['443', 'port https · ServiceEntry bookinfo/external · bookinfo/se.yaml:4'],
    ]);
  });

  it('no port list for a host that is not in the workspace', () => {
    const { items } = completeAt(
      route('bookinfo', '        host: nosuchsvc\n        port:\n          number: |\n'),
    );
    assert.deepEqual(items, []);
  });
});

describe('completion from the index: gateways, namespaces, exportTo', () => {
  it('VirtualService gateways: every Gateway as namespace/name, and mesh', () => {
    const { items } = completeAt(vs('bookinfo', '  hosts: [reviews]\n  gateways:\n  - |\n'));
    assert.deepEqual(pairs(items), [
      ['edge/public', 'Gateway · mesh/gateway.yaml:4'],
      ['mesh', 'the sidecars of the mesh'],
    ]);
  });

  it('AuthorizationPolicy source namespaces: Namespace objects, then namespaces resources live in', () => {
    const { items } = completeAt(
      ap('bookinfo', '  rules:\n  - from:\n    - source:\n        namespaces:\n        - |\n'),
    );
    assert.deepEqual(pairs(items), [
      ['bookinfo', 'Namespace · mesh/namespaces.yaml:4'],
      ['edge', 'Namespace · mesh/namespaces.yaml:9'],
      ['other', 'namespace of Service secret-svc · bookinfo/services.yaml:16'],
    ]);
  });

  it('exportTo: `.`, `*` and the namespaces', () => {
    const { items } = completeAt(vs('bookinfo', '  hosts: [reviews]\n  exportTo:\n  - |\n'));
    assert.deepEqual(labels(items), ['.', '*', 'bookinfo', 'edge', 'other']);
  });
});

describe('completion from the index: principals and labels', () => {
  it('principals from ServiceAccounts and the accounts workloads run as (default without one)', () => {
    const { items } = completeAt(
      ap('bookinfo', '  rules:\n  - from:\n    - source:\n        principals:\n        - |\n'),
    );
    assert.deepEqual(pairs(items), [
      ['cluster.local/ns/bookinfo/sa/bookinfo-reviews', 'ServiceAccount · bookinfo/accounts.yaml:4'],
      [
        'cluster.local/ns/bookinfo/sa/default',
        'account of Deployment reviews-v2 · bookinfo/deployments.yaml:18',
      ],
      ['cluster.local/ns/edge/sa/default', 'account of Deployment ingress · mesh/gateway.yaml:13'],
    ]);
  });

  it('principals use the MeshConfig trust domain', () => {
    const { items } = completeAt(
      ap('bookinfo', '  rules:\n  - from:\n    - source:\n        principals:\n        - |\n'),
      {
        'mesh/istio.yaml': ISTIO_CONFIG('trustDomain: example.org'),
      },
    );
    assert.equal(items[0].label, 'example.org/ns/bookinfo/sa/bookinfo-reviews');
  });

  it('selector.matchLabels: label keys of the namespace workloads, minus those already written', () => {
    const keys = completeAt(ap('bookinfo', '  selector:\n    matchLabels:\n      |\n'));
    assert.deepEqual(pairs(keys.items), [
      ['app', 'Deployment bookinfo/reviews-v1 · bookinfo/deployments.yaml:4 (+1 more)'],
      ['version', 'Deployment bookinfo/reviews-v1 · bookinfo/deployments.yaml:4 (+1 more)'],
    ]);
    assert.equal(keys.items[0].textEdit?.newText, 'app: ');
    const rest = completeAt(ap('bookinfo', '  selector:\n    matchLabels:\n      app: reviews\n      |\n'));
    assert.deepEqual(labels(rest.items), ['version']);
  });

  it('selector.matchLabels values of one key', () => {
    const { items } = completeAt(ap('bookinfo', '  selector:\n    matchLabels:\n      version: |\n'));
    assert.deepEqual(pairs(items), [
      ['v1', 'Deployment bookinfo/reviews-v1 · bookinfo/deployments.yaml:4'],
      ['v2', 'Deployment bookinfo/reviews-v2 · bookinfo/deployments.yaml:18'],
    ]);
  });

  it('a policy in the root namespace selects across the mesh; a Gateway selector too', () => {
    const root = completeAt(ap('istio-system', '  selector:\n    matchLabels:\n      |\n'));
    assert.deepEqual(labels(root.items), ['app', 'version', 'istio']);
    const gw = completeAt(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: editing
  namespace: edge
spec:
  selector:
    |
`);
    assert.deepEqual(labels(gw.items), ['app', 'version', 'istio']);
  });

  it('Sidecar workloadSelector.labels: the workloads of its own namespace only', () => {
    const { items } = completeAt(`apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: editing
  namespace: edge
spec:
  workloadSelector:
    labels:
      |
`);
    assert.deepEqual(labels(items), ['istio']);
  });

  it('DestinationRule subset labels: labels of the workloads behind the host', () => {
    const dr = (line: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: editing
  namespace: bookinfo
spec:
  host: reviews
  subsets:
  - name: v3
    labels:
      ${line}
`;
    assert.deepEqual(labels(completeAt(dr('|')).items), ['app', 'version']);
    assert.deepEqual(labels(completeAt(dr('version: |')).items), ['v1', 'v2']);
  });
});

describe('completion from the index: bounds and origins', () => {
  it('caps the list and marks it incomplete', () => {
    const services: Record<string, string> = {};
    for (let i = 0; i < 600; i++)
      services[`big/svc${i}.yaml`] =
        `apiVersion: v1\nkind: Service\nmetadata: {name: svc${i}, namespace: big}\n`;
    const { items, incomplete } = completeAt(route('big', '        host: |\n'), services, false);
    assert.equal(items.length, MAX_ITEMS);
    assert.equal(incomplete, true);
    const small = completeAt(route('bookinfo', '        host: |\n'));
    assert.equal(small.incomplete, false);
  });

  it('a resource from a cluster says which cluster', () => {
    const { text, line, character } = cursor(route('bookinfo', '        host: |\n'));
    const ws = workspace({ 'bookinfo/editing.yaml': text }, false);
    const details: Resource = {
      uri: 'cluster://prod-eu/Service/bookinfo/details',
      doc: 0,
      group: '',
      version: 'v1',
      kind: 'Service',
      name: 'details',
      namespace: 'bookinfo',
      labels: {},
      annotations: {},
      service: { ports: [], type: 'ClusterIP' },
      origin: { cluster: 'prod-eu' },
    };
    ws.engine.addSource({
      resources: (kind) => (kind === 'Service' ? [details] : []),
      complete: () => false,
      revision: 1,
    });
    const r = ws.engine.resolver(DEFAULT_SETTINGS);
    const got = indexCompletions(ws.engine.index, r, ws.file('bookinfo/editing.yaml'), { line, character });
    assert.deepEqual(pairs(got.items), [
      ['details', 'Service bookinfo/details · cluster prod-eu'],
      ['details.bookinfo.svc.cluster.local', 'Service bookinfo/details · cluster prod-eu'],
    ]);
  });

  it('nothing where no reference is expected', () => {
    assert.deepEqual(completeAt(vs('bookinfo', '  hosts: [reviews]\n  |\n')).items, []);
    assert.deepEqual(completeAt(route('bookinfo', '        weight: |\n')).items, []);
  });
});
