import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { ClusterSource } from '../../../server/src/service/cluster/source';
import { indexCompletions } from '../../../server/src/service/workspace/completionSources';
import { WorkspaceEngine } from '../../../server/src/service/workspace/engine';
import { referenceHover } from '../../../server/src/service/workspace/referenceHover';
import { service } from '../helpers';
import { clusterOf, custom, namespace, pod, service_, serviceAccount } from './clusterHelpers';

/** Objects only the cluster holds; the workspace has nothing but the file being edited. */
const CLUSTER = [
  namespace('bookinfo'),
  namespace('istio-system'),
  service_('bookinfo', 'reviews', { app: 'reviews' }, [{ name: 'http', port: 9080 }]),
  pod(
    'bookinfo',
    'reviews-v1-abc',
    { app: 'reviews', version: 'v1' },
    { serviceAccount: 'bookinfo-reviews' },
  ),
  serviceAccount('bookinfo', 'bookinfo-reviews'),
  custom('networking.istio.io', 'v1', 'ServiceEntry', 'bookinfo', 'external', {
    hosts: ['api.example.com'],
    ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
    resolution: 'DNS',
  }),
  custom('networking.istio.io', 'v1', 'Gateway', 'istio-system', 'ingress', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
  }),
];

let counter = 0;

/** Completion (or hover) at the `|` of `marked`, with the cluster as a source and `extra` workspace files. */
function at(marked: string, extra: Record<string, string> = {}) {
  const lines = marked.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const position = { line, character: lines[line].indexOf('|') };
  const engine = new WorkspaceEngine();
  engine.addSource(new ClusterSource(clusterOf(CLUSTER)));
  const s = service();
  const base = `file:///cc${++counter}/`;
  for (const [name, text] of Object.entries(extra)) engine.update(s.snapshot(base + name, 1, text));
  engine.update(s.snapshot(`${base}editing.yaml`, 1, marked.replace('|', '')));
  const resolver = engine.resolver(DEFAULT_SETTINGS);
  const file = engine.index.snapshot(`${base}editing.yaml`)!;
  return {
    items: (): CompletionItem[] => indexCompletions(engine.index, resolver, file, position).items,
    hover: (): string | undefined => referenceHover(engine.index, resolver, file, position),
  };
}

const pairs = (items: CompletionItem[]): [string, string | undefined][] =>
  items.map((i) => [i.label, i.detail]);

const VS = (body: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: editing
  namespace: bookinfo
spec:
${body}`;

const AP = (body: string): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: editing
  namespace: bookinfo
spec:
${body}`;

const DESTINATION = (inner: string): string =>
  VS(`  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n${inner}`);

describe('completion from the cluster', () => {
  it("offers the cluster's Services as hosts, saying which cluster", () => {
    assert.deepEqual(pairs(at(DESTINATION('        host: |\n')).items()), [
      ['reviews', 'Service bookinfo/reviews · cluster prod-eu'],
      ['reviews.bookinfo.svc.cluster.local', 'Service bookinfo/reviews · cluster prod-eu'],
      ['api.example.com', 'ServiceEntry bookinfo/external · cluster prod-eu'],
    ]);
  });

  it('offers the ports of a cluster Service', () => {
    const text = DESTINATION('        host: reviews\n        port:\n          number: |\n');
    assert.deepEqual(pairs(at(text).items()), [
      ['9080', 'port http · Service bookinfo/reviews · cluster prod-eu'],
    ]);
  });

  it("a workspace copy of the Service overrides the cluster's", () => {
    const text = DESTINATION('        host: reviews\n        port:\n          number: |\n');
    const svc = `apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: bookinfo
spec:
  ports: [{name: web, port: 7000}]
`;
    assert.deepEqual(pairs(at(text, { 'svc.yaml': svc }).items()), [
      ['7000', 'port web · Service bookinfo/reviews · svc.yaml:4'],
    ]);
  });

  it("offers the cluster's Gateways", () => {
    const text = VS('  hosts: [reviews]\n  gateways:\n  - |\n');
    assert.deepEqual(pairs(at(text).items()), [
      ['istio-system/ingress', 'Gateway · cluster prod-eu'],
      ['mesh', 'the sidecars of the mesh'],
    ]);
  });

  it("offers the cluster's Namespaces", () => {
    const text = AP('  rules:\n  - from:\n    - source:\n        namespaces:\n        - |\n');
    assert.deepEqual(pairs(at(text).items()).sort(), [
      ['bookinfo', 'Namespace · cluster prod-eu'],
      ['istio-system', 'Namespace · cluster prod-eu'],
    ]);
  });

  it("offers the label keys and values of the cluster's pods in a selector", () => {
    const keys = AP('  selector:\n    matchLabels:\n      |\n');
    assert.deepEqual(pairs(at(keys).items()), [
      ['app', 'Pod bookinfo/reviews-v1-abc · cluster prod-eu'],
      ['version', 'Pod bookinfo/reviews-v1-abc · cluster prod-eu'],
    ]);
    const values = AP('  selector:\n    matchLabels:\n      version: |\n');
    assert.deepEqual(pairs(at(values).items()), [['v1', 'Pod bookinfo/reviews-v1-abc · cluster prod-eu']]);
  });

  it("offers the cluster's service accounts as principals", () => {
    const text = AP('  rules:\n  - from:\n    - source:\n        principals:\n        - |\n');
    assert.deepEqual(pairs(at(text).items()), [
      ['cluster.local/ns/bookinfo/sa/bookinfo-reviews', 'ServiceAccount · cluster prod-eu'],
    ]);
  });
});

describe('hover on a reference to a cluster object', () => {
  it("names the cluster a destination host's Service comes from", () => {
    const hover = at(DESTINATION('        host: rev|iews\n')).hover();
    assert.equal(
      hover,
      [
        '**Service** `bookinfo/reviews` · cluster prod-eu',
        'Ports: `9080 http`',
        'Selector: `app=reviews` · 1 workload matches',
      ].join('\n\n'),
    );
  });

  it('names the cluster of the pods a selector matches', () => {
    const hover = at(AP('  selector:\n    matchLabels:\n      app: rev|iews\n')).hover();
    assert.equal(
      hover,
      '**1 workload matches** `app=reviews` in namespace `bookinfo`\n- Pod `bookinfo/reviews-v1-abc` · cluster prod-eu',
    );
  });

  it('a target missing from both the workspace and the synced cluster says so, not "not in the workspace"', () => {
    assert.equal(
      at(DESTINATION('        host: nosuch|svc\n')).hover(),
      '_Host `nosuchsvc.bookinfo.svc.cluster.local` is in neither the workspace nor cluster prod-eu._',
    );
    assert.equal(
      at(AP('  selector:\n    matchLabels:\n      app: gh|ost\n')).hover(),
      '_A workload with labels `app=ghost` is in neither the workspace nor cluster prod-eu._',
    );
  });
});
