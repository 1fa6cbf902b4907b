import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DocumentStore } from '../../../server/src/service/documentStore';
import {
  formatSplit,
  shares,
  trafficRoutes,
  weightEdits as serverWeightEdits,
  type OffsetEdit,
  type RouteRef,
  type RouteSplit,
} from '../../../server/src/service/features/trafficRoutes';
import {
  PRESETS,
  canaryPlan,
  distribute,
  parseCustomWeights,
  shiftTowards,
} from '../../../client/src/traffic/weights';

// The routes and weight edits the server computes for `istio/trafficRoutes` and `istio/weightEdits`.
const snapshot = (text: string) => new DocumentStore().snapshot('file:///t.yaml', 1, text);
const findWeightedRoutes = (text: string): RouteSplit[] =>
  trafficRoutes(snapshot(text)).filter((r) => r.destinations.length >= 2);
const routeAt = (routes: RouteSplit[], offset: number): RouteSplit | undefined =>
  routes.find((r) => offset >= r.start && offset <= r.end);
const describeRoute = (r: RouteSplit): string =>
  `${r.virtualService} ${r.name ? `route "${r.name}"` : `${r.ref.section}[${r.ref.index}]`}`;
const weightEdits = (text: string, ref: RouteRef, weights: number[]): OffsetEdit[] =>
  serverWeightEdits(snapshot(text), ref, weights);
function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.offset - x.offset))
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

const CANARY = `# reviews canary
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
    - reviews
  http:
    - match:
        - headers:
            end-user:
              exact: jason
      route:
        - destination:
            host: reviews
            subset: v2
    - route:
        - destination:
            host: reviews
            subset: v1 # stable
          weight: 90
        - destination:
            host: reviews
            subset: v3 # canary
          weight: 10
  tcp:
    - route:
        - {destination: {host: db, subset: a}, weight: 50}
        - {destination: {host: db, subset: b}}
`;

function weightsOf(text: string, section: 'http' | 'tcp' | 'tls', index: number, doc = 0): unknown[] {
  const d = parseAllDocuments(text)[doc].toJS() as {
    spec: Record<string, { route: { weight?: unknown }[] }[]>;
  };
  return d.spec[section][index].route.map((r) => r.weight);
}

describe('finding weighted routes', () => {
  test('only routes with two or more destinations, in http, tcp and tls', () => {
    const routes = findWeightedRoutes(CANARY);
    assert.deepEqual(
      routes.map((r) => [
        r.ref.section,
        r.ref.index,
        r.destinations.map((d) => `${d.label}=${String(d.weight)}`).join(' '),
      ]),
      [
        ['http', 1, 'reviews:v1=90 reviews:v3=10'],
        ['tcp', 0, 'db:a=50 db:b=undefined'],
      ],
    );
    assert.equal(describeRoute(routes[0]), 'reviews http[1]');
  });

  test('the route under the cursor', () => {
    const routes = findWeightedRoutes(CANARY);
    assert.equal(routeAt(routes, CANARY.indexOf('subset: v3'))?.ref.index, 1);
    assert.equal(routeAt(routes, CANARY.indexOf('{destination: {host: db'))?.ref.section, 'tcp');
    assert.equal(routeAt(routes, CANARY.indexOf('exact: jason')), undefined);
  });

  test('ignores other kinds and other groups, and survives broken YAML', () => {
    assert.deepEqual(findWeightedRoutes(CANARY.replace('kind: VirtualService', 'kind: DestinationRule')), []);
    assert.deepEqual(findWeightedRoutes(CANARY.replace('networking.istio.io/v1', 'example.com/v1')), []);
    assert.doesNotThrow(() => findWeightedRoutes('spec: [\n  http: {'));
  });

  test('finds routes in the second document of a file', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n---\n${CANARY}`;
    assert.deepEqual(
      findWeightedRoutes(text).map((r) => r.ref),
      [
        { doc: 1, section: 'http', index: 1 },
        { doc: 1, section: 'tcp', index: 0 },
      ],
    );
  });
});

describe('editing weights', () => {
  test('replaces existing weights in place and keeps comments', () => {
    const edits = weightEdits(CANARY, { doc: 0, section: 'http', index: 1 }, [25, 75]);
    assert.equal(edits.length, 2);
    const out = applyOffsetEdits(CANARY, edits);
    assert.deepEqual(weightsOf(out, 'http', 1), [25, 75]);
    assert.ok(
      out.includes('subset: v1 # stable') &&
        out.includes('subset: v3 # canary') &&
        out.startsWith('# reviews canary'),
    );
    // Nothing else changed.
    assert.equal(out.replace('weight: 25', 'weight: 90').replace('weight: 75', 'weight: 10'), CANARY);
  });

  test('an unchanged weight needs no edit', () => {
    assert.deepEqual(weightEdits(CANARY, { doc: 0, section: 'http', index: 1 }, [90, 10]), []);
  });

  test('adds a missing weight to a flow map', () => {
    const out = applyOffsetEdits(CANARY, weightEdits(CANARY, { doc: 0, section: 'tcp', index: 0 }, [30, 70]));
    assert.deepEqual(weightsOf(out, 'tcp', 0), [30, 70]);
    assert.ok(out.includes('- {destination: {host: db, subset: b}, weight: 70}'), out);
  });

  test('adds a missing weight to a block map, with its indentation, after a trailing comment', () => {
    const text = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      '  name: r',
      'spec:',
      '  http:',
      '  - route:',
      '    - destination:',
      '        host: r',
      '        subset: v1   # old',
      '    - destination:',
      '        host: r',
      '        subset: v2',
      '      headers:',
      '        request:',
      '          set: {x: "1"}',
      '  # end of routes',
      '',
    ].join('\n');
    const out = applyOffsetEdits(text, weightEdits(text, { doc: 0, section: 'http', index: 0 }, [60, 40]));
    assert.deepEqual(weightsOf(out, 'http', 0), [60, 40]);
    const lines = out.split('\n');
    assert.equal(lines[10], '      weight: 60');
    assert.equal(lines[9], '        subset: v1   # old');
    assert.equal(lines[17], '      weight: 40');
    assert.equal(lines[18], '  # end of routes');
  });

  test('keeps CRLF line endings', () => {
    const crlf = CANARY.replace(/\n/g, '\r\n');
    const out = applyOffsetEdits(crlf, weightEdits(crlf, { doc: 0, section: 'tcp', index: 0 }, [50, 50]));
    assert.deepEqual(weightsOf(out, 'tcp', 0), [50, 50]);
    assert.equal(out.replace(/\r\n/g, '').includes('\n'), false, 'a bare LF was inserted');
  });

  test('a quoted weight is replaced by a number', () => {
    const text = CANARY.replace('weight: 90', 'weight: "90"');
    const out = applyOffsetEdits(text, weightEdits(text, { doc: 0, section: 'http', index: 1 }, [80, 20]));
    assert.deepEqual(weightsOf(out, 'http', 1), [80, 20]);
  });

  test('refuses a stale route or the wrong number of weights', () => {
    assert.throws(
      () => weightEdits(CANARY, { doc: 0, section: 'tls', index: 0 }, [50, 50]),
      /no longer in the document/,
    );
    assert.throws(
      () => weightEdits(CANARY, { doc: 0, section: 'http', index: 1 }, [100]),
      /2 destinations, but 1 weights/,
    );
  });
});

describe('weights', () => {
  test('presets for two destinations add up to 100', () => {
    assert.deepEqual(
      PRESETS.map(([a, b]) => `${a}/${b}`),
      ['90/10', '75/25', '50/50', '25/75', '10/90', '0/100'],
    );
    assert.ok(PRESETS.every(([a, b]) => a + b === 100));
  });

  test('effective shares follow Istio: relative weights, a missing one is 0, all missing is rejected', () => {
    // VALIDATION-RULES.md: weights are relative; with two or more destinations a total of 0 is an error.
    assert.deepEqual(shares([90, 10]), [90, 10]);
    assert.deepEqual(shares([50, undefined]), [100, 0]);
    assert.deepEqual(shares([undefined, undefined]), undefined);
    assert.deepEqual(shares([undefined]), [100]);
    const [a, b] = shares([90, 100])!;
    assert.equal(Math.round(a), 47);
    assert.equal(Math.round(b), 53);
  });

  test('the CodeLens text: shares, or why Istio rejects the route', () => {
    const [http, tcp] = findWeightedRoutes(CANARY);
    assert.equal(formatSplit(http), '90%/10%');
    assert.equal(formatSplit(tcp), '100%/0%');
    const unweighted = findWeightedRoutes(
      CANARY.replace('          weight: 90\n', '').replace('          weight: 10\n', ''),
    );
    assert.match(formatSplit(unweighted[0]), /weights total 0/);
  });

  test('the document range of a route covers its VirtualService only', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n---\n${CANARY}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: y\n`;
    const r = findWeightedRoutes(text)[0];
    const doc = text.slice(r.documentStart, r.documentEnd);
    assert.match(doc, /^---\n# reviews canary\napiVersion: networking.istio.io\/v1\nkind: VirtualService/);
    assert.doesNotMatch(doc, /kind: Service\n/);
  });

  test('custom input', () => {
    assert.deepEqual(parseCustomWeights('30', 2), [30, 70]);
    assert.deepEqual(parseCustomWeights('30,70', 2), [30, 70]);
    assert.deepEqual(parseCustomWeights('30 / 70', 2), [30, 70]);
    assert.deepEqual(parseCustomWeights('20, 30, 50', 3), [20, 30, 50]);
    assert.match(String(parseCustomWeights('20,30', 3)), /3 destinations/);
    assert.match(String(parseCustomWeights('20,30,40', 3)), /add up to 90/);
    assert.match(String(parseCustomWeights('101', 2)), /at most 100/);
    assert.match(String(parseCustomWeights('-5', 2)), /whole numbers/);
    assert.match(String(parseCustomWeights('x', 2)), /whole numbers/);
    assert.match(String(parseCustomWeights('', 3)), /3 whole numbers/);
  });

  test('distribute keeps the total with whole numbers', () => {
    assert.deepEqual(distribute(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(distribute(70, [20, 10]), [47, 23]);
    assert.deepEqual(distribute(10, [0, 0]), [5, 5]);
  });

  test('shifting one destination splits the rest in proportion', () => {
    assert.deepEqual(shiftTowards([90, 10], 1, 30), [70, 30]);
    assert.deepEqual(shiftTowards([60, 30, 10], 2, 40), [40, 20, 40]);
    assert.deepEqual(shiftTowards([0, 0, 100], 0, 50), [50, 0, 50]);
  });

  test('canary plan: steps until the target has 100', () => {
    assert.deepEqual(canaryPlan([90, 10], 1, 30), [
      [60, 40],
      [30, 70],
      [0, 100],
    ]);
    assert.deepEqual(canaryPlan([50, 25, 25], 2, 50), [
      [17, 8, 75],
      [0, 0, 100],
    ]);
    assert.deepEqual(canaryPlan([0, 100], 1, 10), []);
    assert.throws(() => canaryPlan([90, 10], 1, 0), /greater than 0/);
  });
});
