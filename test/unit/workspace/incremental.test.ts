import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { DocumentStore } from '../../../server/src/service/documentStore';
import { WORKSPACE_RULES } from '../../../server/src/service/rules/workspace/index';
import type { CrossFinding, WorkspaceRule } from '../../../server/src/service/rules/workspace/rule';
import { WorkspaceEngine } from '../../../server/src/service/workspace/engine';

// Issue 12 §3 and §8 (b): after an edit only the dependents are checked again. Rules that loop with
// ctx.each keep each subject's findings while its document and its reads (by kind and namespace)
// are unchanged. Whatever the edits, the findings must be exactly those of an engine that reads the
// final files from scratch.

const NS = ['a', 'b', 'c'];

/** One generated resource document, from a small vocabulary so that references often meet. */
const resource = fc.oneof(
  fc
    .record({
      ns: fc.constantFrom(...NS),
      app: fc.constantFrom('web', 'api'),
      hostNs: fc.constantFrom(...NS, ''),
      subset: fc.constantFrom('v1', 'v2', 'v9'),
      gw: fc.constantFrom('mesh', 'gw', 'a/gw', 'b/gw', 'nope'),
    })
    .map(
      ({ ns, app, hostNs, subset, gw }) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${app}-vs
  namespace: ${ns}
spec:
  hosts:
    - ${app}
  gateways:
    - ${gw}
  http:
    - route:
        - destination:
            host: ${hostNs ? `${app}.${hostNs}.svc.cluster.local` : app}
            subset: ${subset}
`,
    ),
  fc
    .record({
      ns: fc.constantFrom(...NS),
      app: fc.constantFrom('web', 'api'),
      subsets: fc.subarray(['v1', 'v2', 'v3']),
      exportTo: fc.constantFrom('', '"."', '"*"'),
    })
    .map(
      ({ ns, app, subsets, exportTo }) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${app}-dr-${subsets.length}
  namespace: ${ns}
spec:
  host: ${app}
${exportTo ? `  exportTo:\n    - ${exportTo}\n` : ''}  subsets:
${subsets.map((s) => `    - name: ${s}\n      labels:\n        version: ${s}\n`).join('') || '    []\n'}`,
    ),
  fc.record({ ns: fc.constantFrom(...NS), app: fc.constantFrom('web', 'api') }).map(
    ({ ns, app }) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
`,
  ),
  fc
    .record({
      ns: fc.constantFrom(...NS),
      app: fc.constantFrom('web', 'api'),
      version: fc.constantFrom('v1', 'v2'),
    })
    .map(
      ({ ns, app, version }) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}-${version}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
        version: ${version}
    spec:
      serviceAccountName: ${app}
      containers:
        - name: main
          image: example/${app}
`,
    ),
  fc.constantFrom(...NS).map(
    (ns) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: ${ns}
spec:
  selector:
    app: web
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
        - "*/web"
`,
  ),
  fc.record({ ns: fc.constantFrom(...NS), sa: fc.constantFrom('web', 'api', 'ghost') }).map(
    ({ ns, sa }) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-${sa}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: web
  rules:
    - from:
        - source:
            principals:
              - cluster.local/ns/${ns}/sa/${sa}
            namespaces:
              - ${NS[(NS.indexOf(ns) + 1) % NS.length]}
`,
  ),
  fc.constantFrom(...NS).map(
    (ns) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: ${ns}
`,
  ),
  fc.constantFrom(...NS).map((ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`),
);

const fileText = fc.array(resource, { minLength: 1, maxLength: 3 }).map((docs) => docs.join('---\n'));
const FILES = ['f0.yaml', 'f1.yaml', 'f2.yaml', 'f3.yaml', 'f4.yaml'];
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ file: fc.constantFrom(...FILES), text: fileText }) },
  { weight: 1, arbitrary: fc.record({ file: fc.constantFrom(...FILES), text: fc.constant(undefined) }) },
);

/** The findings as plain data, by URI, in the engine's order. */
function plain(map: Map<string, CrossFinding[]>): unknown {
  return [...map.entries()]
    .filter(([, list]) => list.length)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([uri, list]) => [
      uri,
      list.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        subject: `${f.subject.uri}#${f.subject.doc}`,
        line: f.subject.placed?.chunk.line,
        path: f.path,
        on: f.on,
        unresolved: f.unresolved ?? false,
        data: f.data,
        related: f.related.map((r) => ({
          resource: `${r.resource.uri}#${r.resource.doc}`,
          line: r.resource.placed?.chunk.line,
          path: r.path,
          message: r.message,
          on: r.on,
        })),
      })),
    ]);
}

function fresh(files: Map<string, string>): WorkspaceEngine {
  const engine = new WorkspaceEngine();
  const store = new DocumentStore();
  for (const [name, text] of files) engine.update(store.snapshot(`file:///w/${name}`, 1, text));
  return engine;
}

describe('cross-resource findings after edits are those of a fresh read', () => {
  it('any sequence of edits, additions and removals gives the findings of an engine built from the result', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const engine = new WorkspaceEngine();
        const store = new DocumentStore();
        // The index keeps files in the order they were first added, as a Map does.
        const files = new Map<string, string>();
        let version = 0;
        for (const { file, text } of ops) {
          const uri = `file:///w/${file}`;
          if (text === undefined) {
            engine.remove(uri);
            files.delete(file);
          } else {
            engine.update(store.snapshot(uri, ++version, text));
            files.set(file, text);
          }
          assert.deepEqual(
            plain(engine.findings(DEFAULT_SETTINGS)),
            plain(fresh(files).findings(DEFAULT_SETTINGS)),
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** The real rules, counting the subjects each one checks through ctx.each. */
function counting(): { rules: WorkspaceRule[]; checked: Map<string, string[]> } {
  const checked = new Map<string, string[]>();
  const rules = WORKSPACE_RULES.map((r): WorkspaceRule => ({
    ...r,
    check(ctx) {
      r.check({
        ...ctx,
        *each(kind) {
          for (const s of ctx.each(kind)) {
            checked.set(r.id, [...(checked.get(r.id) ?? []), `${s.namespace}/${s.name}`]);
            yield s;
          }
        },
      });
    },
  }));
  return { rules, checked };
}

const vs = (ns: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: ${ns}
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v2
`;
const dr = (ns: string, subset: string, host = 'reviews'): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: ${ns}
spec:
  host: "${host}"
  subsets:
    - name: ${subset}
`;

/** An engine with the counting rules, and a way to write a file into it. */
function counted(folder: string): {
  engine: WorkspaceEngine;
  put: (name: string, text: string) => void;
  checked: Map<string, string[]>;
} {
  const { rules, checked } = counting();
  const engine = new WorkspaceEngine(undefined, rules);
  const store = new DocumentStore();
  let version = 0;
  const put = (name: string, text: string): void => {
    engine.update(store.snapshot(`file:///${folder}/${name}`, ++version, text));
  };
  return { engine, put, checked };
}

describe('an edit re-checks only the subjects that read what changed', () => {
  it('renaming a subset in namespace a re-checks the VirtualService of a, not those of b and c', () => {
    const { engine, put, checked } = counted('d');
    for (const ns of ['a', 'b', 'c']) {
      put(`vs-${ns}.yaml`, vs(ns));
      put(`dr-${ns}.yaml`, dr(ns, 'v2'));
    }
    const first = engine.findings(DEFAULT_SETTINGS);
    assert.deepEqual(checked.get('vs-subset-not-found'), ['a/reviews', 'b/reviews', 'c/reviews']);
    assert.equal([...first.values()].flat().filter((f) => f.code === 'IST0101').length, 0);

    checked.clear();
    put('dr-a.yaml', dr('a', 'v2x'));
    const after = engine.findings(DEFAULT_SETTINGS);
    // A VirtualService in namespace a reads the DestinationRules of a (its own namespace, and the
    // host's), and of the root namespace: only it depends on the edit.
    assert.deepEqual(checked.get('vs-subset-not-found'), ['a/reviews']);
    // Per-DestinationRule checks look at the edited one only.
    assert.deepEqual(checked.get('dr-subset-selects-no-pods'), ['a/reviews']);
    const subsetFindings = [...after.values()].flat().filter((f) => f.code === 'IST0101');
    assert.deepEqual(
      subsetFindings.map((f) => [f.subject.namespace, f.message.split(' is ')[0]]),
      [['a', 'subset "v2"']],
    );

    // A change of the mesh settings re-checks every subject.
    checked.clear();
    engine.findings({ ...DEFAULT_SETTINGS, mesh: { clusterDomain: 'corp.internal', configFile: '' } });
    assert.deepEqual(checked.get('vs-subset-not-found'), ['a/reviews', 'b/reviews', 'c/reviews']);
  });

  it('a DestinationRule added in the root namespace re-checks every VirtualService', () => {
    const { engine, put, checked } = counted('r');
    put('vs-a.yaml', vs('a'));
    put('vs-b.yaml', vs('b'));
    engine.findings(DEFAULT_SETTINGS);
    checked.clear();
    put('dr-root.yaml', dr('istio-system', 'v1', '*.cluster.local'));
    const after = engine.findings(DEFAULT_SETTINGS);
    assert.deepEqual(checked.get('vs-subset-not-found'), ['a/reviews', 'b/reviews']);
    // Neither namespace has a rule of its own: Istio falls back to the root namespace's, which
    // applies to every host of the mesh and lacks v2.
    assert.equal([...after.values()].flat().filter((f) => f.code === 'IST0101').length, 2);
  });
});
