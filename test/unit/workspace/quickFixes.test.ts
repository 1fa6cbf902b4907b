import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { workspaceQuickFixes, type EditOptions } from '../../../server/src/service/workspace/fixes/index';
import { service } from '../helpers';
import { editDistance } from '../../../server/src/service/workspace/fixes/places';
import { errors, Files } from './edits';
import { one } from './helpers';

const UNRESOLVED = 'unresolved-reference';

const VS = (host: string, subsets: string[], gateways = '[mesh]', ns = 'bookinfo'): string =>
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: ${ns}
spec:
  hosts: [reviews]
  gateways: ${gateways}
  http:
${subsets.map((s) => `  - route:\n    - destination:\n        host: ${host}\n        subset: ${s}\n`).join('')}`;
// Subset lines of VS(host, [a, b]): 12 and 16.

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
`;
const DEPLOYMENT = (version: string): string => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-${version}, namespace: bookinfo}
spec:
  selector:
    matchLabels: {app: reviews, version: ${version}}
  template:
    metadata:
      labels: {app: reviews, version: ${version}}
    spec:
      containers: [{name: reviews, image: reviews:1, ports: [{containerPort: 9080}]}]
`;
const WORKLOADS = SERVICE + DEPLOYMENT('v1') + DEPLOYMENT('v2');

const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/*"]}]
`;

const CHANGES: EditOptions = { versionOf: () => null, documentChanges: false };

function fixes(ws: Files, name: string, d: Diagnostic, options = CHANGES): CodeAction[] {
  return workspaceQuickFixes(service().workspace, ws.uri(name), [d], DEFAULT_SETTINGS, options);
}

/**
 * Applies `action`, validates the workspace again, and checks that the diagnostic it fixes is gone
 * and that no error appeared anywhere.
 */
function applyAndRevalidate(ws: Files, name: string, d: Diagnostic, action: CodeAction): void {
  const before = errors(ws, ws.diagnostics());
  assert.ok(action.edit, 'the fix carries an edit');
  ws.apply(action.edit);
  const after = ws.diagnostics();
  const still = (after.get(ws.uri(name)) ?? []).filter(
    (x) =>
      x.range.start.line === d.range.start.line &&
      x.range.start.character === d.range.start.character &&
      (x.code === 'IST0101' || x.code === UNRESOLVED),
  );
  assert.deepEqual(still, [], 'the reference resolves now');
  const appeared = errors(ws, after).filter((e) => !before.includes(e));
  assert.deepEqual(appeared, [], 'no new error');
}

describe('quick fix: add the missing subset to the DestinationRule Istio picks', () => {
  it('takes the labels from the workload behind the Service whose version label is the subset name', () => {
    const ws = new Files({
      'vs.yaml': VS('reviews', ['v1', 'v2']),
      'dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  # the canary goes here
`,
      'workloads.yaml': WORKLOADS,
    });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, 'IST0101', 16);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred]),
        [
          [
            'Add subset "v2" to DestinationRule bookinfo/reviews (labels version=v2 from Deployment bookinfo/reviews-v2)',
            true,
          ],
        ],
      );
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
      assert.equal(
        ws.text('dr.yaml'),
        `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
  # the canary goes here
`,
      );
    } finally {
      ws.done();
    }
  });

  it('says the labels must be filled in when no workload has them, in a flow list', () => {
    const ws = new Files({
      'vs.yaml': VS('reviews', ['v1', 'v2']),
      'dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}} ]}
`,
    });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, 'IST0101', 16);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred]),
        [
          [
            'Add subset "v2" to DestinationRule bookinfo/reviews (no workload in the workspace has a label "v2": fill in its labels)',
            false,
          ],
        ],
      );
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
      assert.equal(
        ws.text('dr.yaml'),
        `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}} ]}
`,
      );
    } finally {
      ws.done();
    }
  });

  it('adds a subsets field to a DestinationRule that has none, with a placeholder comment', () => {
    const ws = new Files({
      'vs.yaml': VS('reviews', ['v2']),
      'dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`,
    });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, 'IST0101', 12);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.equal(actions.length, 1);
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
      assert.equal(
        ws.text('dr.yaml'),
        `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
  subsets:
    - name: v2
      labels:
        version: v2  # fill in the labels of this subset
`,
      );
    } finally {
      ws.done();
    }
  });
});

describe('quick fix: create a DestinationRule for a host with the subsets its routes use', () => {
  const NEW_DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v3
    labels:
      version: v3  # fill in the labels of this subset
`;

  it('in a new file beside the VirtualService when the client can create files', () => {
    const ws = new Files({ 'app/vs.yaml': VS('reviews', ['v1', 'v3']), 'app/workloads.yaml': WORKLOADS });
    try {
      const d = one(ws.diagnostics().get(ws.uri('app/vs.yaml'))!, UNRESOLVED, 12);
      const actions = fixes(ws, 'app/vs.yaml', d, {
        versionOf: () => null,
        documentChanges: true,
        createFiles: true,
      });
      assert.deepEqual(
        actions.map((a) => a.title),
        [
          'Create DestinationRule bookinfo/reviews for host "reviews" with subsets v1, v3 in reviews-destinationrule.yaml (fill in the labels of the subsets no workload has)',
        ],
      );
      const change = actions[0].edit?.documentChanges?.[0];
      assert.deepEqual(change, {
        kind: 'create',
        uri: ws.uri('app/reviews-destinationrule.yaml'),
        options: { overwrite: false },
      });
      applyAndRevalidate(ws, 'app/vs.yaml', d, actions[0]);
      assert.equal(ws.text('app/reviews-destinationrule.yaml'), NEW_DR);
      // The other route's subset is defined too.
      const after = ws.diagnostics().get(ws.uri('app/vs.yaml'))!;
      assert.deepEqual(
        after.filter(
          (x) => x.code === 'IST0101' || (x.code === UNRESOLVED && x.message.includes('DestinationRule')),
        ),
        [],
      );
    } finally {
      ws.done();
    }
  });

  it('appended after --- when the client cannot create files', () => {
    const ws = new Files({ 'vs.yaml': VS('reviews', ['v1', 'v3']), 'workloads.yaml': WORKLOADS });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, UNRESOLVED, 16);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.equal(actions.length, 1);
      assert.match(actions[0].title, /at the end of this file/);
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
      assert.equal(ws.text('vs.yaml'), `${VS('reviews', ['v1', 'v3'])}---\n${NEW_DR}`);
    } finally {
      ws.done();
    }
  });
});

describe('quick fix: replace a gateway or host with the closest existing one', () => {
  it('offers the nearest Gateway, in the form of the entry, and nothing for a far name', () => {
    const ws = new Files({
      'vs.yaml': VS('reviews', ['v1'], '[edge/publik, nonexistent-gw]'),
      'edge.yaml': VS('reviews.bookinfo.svc.cluster.local', [], '[pubic]', 'edge'),
      'gw.yaml': GATEWAY,
    });
    try {
      const ds = ws.diagnostics();
      const near = ds.get(ws.uri('vs.yaml'))!.find((x) => x.message.includes('edge/publik'))!;
      const far = ds.get(ws.uri('vs.yaml'))!.find((x) => x.message.includes('nonexistent-gw'))!;
      assert.ok(near && far, 'both gateways are reported');
      assert.deepEqual(fixes(ws, 'vs.yaml', far), [], 'no Gateway is close to nonexistent-gw');
      const actions = fixes(ws, 'vs.yaml', near);
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred]),
        [['Replace gateway "edge/publik" with "edge/public" (Gateway edge/public)', true]],
      );
      applyAndRevalidate(ws, 'vs.yaml', near, actions[0]);
      assert.equal(ws.text('vs.yaml'), VS('reviews', ['v1'], '[edge/public, nonexistent-gw]'));

      const bare = one(ws.diagnostics().get(ws.uri('edge.yaml'))!, UNRESOLVED, 7);
      const short = fixes(ws, 'edge.yaml', bare);
      assert.deepEqual(
        short.map((a) => a.title),
        ['Replace gateway "pubic" with "public" (Gateway edge/public)'],
      );
      applyAndRevalidate(ws, 'edge.yaml', bare, short[0]);
    } finally {
      ws.done();
    }
  });

  it('a bare name finds the Gateway of another namespace and writes it as ns/name', () => {
    const ws = new Files({ 'vs.yaml': VS('reviews', ['v1'], '[public]'), 'gw.yaml': GATEWAY });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, UNRESOLVED, 7);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Replace gateway "public" with "edge/public" (Gateway edge/public)'],
      );
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
    } finally {
      ws.done();
    }
  });

  it('offers the nearest visible Service for a host, short in its own namespace', () => {
    const ws = new Files({
      'vs.yaml': VS('reviws', ['v1']).replace('subset: v1\n', 'port: {number: 9080}\n'),
      'other.yaml': VS('nosuchsvc', ['v1'], '[mesh]', 'shop').replace(
        'subset: v1\n',
        'port: {number: 9080}\n',
      ),
      'svc.yaml': SERVICE,
    });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, UNRESOLVED, 11);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred]),
        [['Replace host "reviws" with "reviews" (Service bookinfo/reviews)', true]],
      );
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
      const far = one(ws.diagnostics().get(ws.uri('other.yaml'))!, UNRESOLVED, 11);
      assert.deepEqual(fixes(ws, 'other.yaml', far), [], 'nothing is close to nosuchsvc');
    } finally {
      ws.done();
    }
  });

  it('a Service name from another namespace is written in full', () => {
    const ws = new Files({
      'vs.yaml': VS('review', ['v1'], '[mesh]', 'shop').replace('subset: v1\n', 'port: {number: 9080}\n'),
      'svc.yaml': SERVICE,
    });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, UNRESOLVED, 11);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Replace host "review" with "reviews.bookinfo.svc.cluster.local" (Service bookinfo/reviews)'],
      );
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
    } finally {
      ws.done();
    }
  });

  it('a DestinationRule host that matches nothing gets the nearest Service', () => {
    const ws = new Files({
      'dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: "reviwes"
`,
      'svc.yaml': SERVICE,
    });
    try {
      const d = one(ws.diagnostics().get(ws.uri('dr.yaml'))!, UNRESOLVED, 4);
      const actions = fixes(ws, 'dr.yaml', d);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Replace host "reviwes" with "reviews" (Service bookinfo/reviews)'],
      );
      applyAndRevalidate(ws, 'dr.yaml', d, actions[0]);
      assert.match(ws.text('dr.yaml')!, /host: "reviews"\n/);
    } finally {
      ws.done();
    }
  });

  it('a name.namespace host is replaced with the full name Istio needs', () => {
    const ws = new Files({
      'vs.yaml': VS('reviews.bookinfo', ['v1'], '[mesh]', 'shop').replace(
        'subset: v1\n',
        'port: {number: 9080}\n',
      ),
      'svc.yaml': SERVICE,
    });
    try {
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, 'IST0101', 11);
      const actions = fixes(ws, 'vs.yaml', d);
      assert.deepEqual(
        actions.map((a) => a.title),
        [
          'Replace host "reviews.bookinfo" with "reviews.bookinfo.svc.cluster.local" (Service bookinfo/reviews)',
        ],
      );
      applyAndRevalidate(ws, 'vs.yaml', d, actions[0]);
    } finally {
      ws.done();
    }
  });
});

describe('workspace quick fixes on odd input', () => {
  it('offer nothing for a diagnostic that matches no current finding, or a subset name that needs quoting', () => {
    const ws = new Files({ 'vs.yaml': VS('reviews', ['"v 2"']) });
    try {
      const range = { start: { line: 900, character: 0 }, end: { line: 900, character: 4 } };
      const stale: Diagnostic = { range, message: 'x', source: 'istio', code: 'IST0101' };
      assert.deepEqual(fixes(ws, 'vs.yaml', stale), []);
      const d = one(ws.diagnostics().get(ws.uri('vs.yaml'))!, UNRESOLVED, 12);
      assert.deepEqual(fixes(ws, 'vs.yaml', d), []);
    } finally {
      ws.done();
    }
  });
});

describe('the edit distance of the closest-name fixes', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions, and stops past the limit', () => {
    // Textbook values: kitten → sitting is 3; ca → ac is one transposition; OSA gives ca → abc 3.
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('ca', 'ac', 5), 1);
    assert.equal(editDistance('ca', 'abc', 5), 3);
    assert.equal(editDistance('reviwes', 'reviews', 3), 1);
    assert.equal(editDistance('same', 'same', 0), 0);
    assert.equal(editDistance('kitten', 'sitting', 2), 3, 'limit + 1 once past the limit');
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });
});
