// The resolver's label indexes (workloads, servicesSelecting) and the index's per-kind stamps are
// performance structures: their answers must equal the straightforward definitions (Kubernetes label
// selection: every selector label present with the same value; a Service selects the pods of its
// namespace), and an edited workspace must give the findings a fresh one gives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { IstioService } from '../../../server/src/service/index';
import { mostSpecific, visibleTo } from '../../../server/src/service/workspace/resolve';
import { Resolver, strings } from '../../../server/src/service/workspace/resolver';
import type { Resource } from '../../../server/src/service/workspace/summary';
import { WORKLOAD_KINDS } from '../../../server/src/service/workspace/summary';
import { SCHEMAS } from '../helpers';

const NAMESPACES = ['a', 'b'];
const label = fc.tuple(
  fc.constantFrom('app', 'version', 'tier', 'constructor'),
  fc.constantFrom('x', 'y', 'z'),
);
const labels = fc.array(label, { maxLength: 3 }).map((ls) => Object.fromEntries(ls));

const yamlMap = (m: Record<string, string>, indent: string): string =>
  Object.keys(m).length
    ? Object.entries(m)
        .map(([k, v]) => `\n${indent}${k}: ${v}`)
        .join('')
    : ' {}';

const service = (name: string, ns: string, selector: Record<string, string> | undefined): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n` +
  (selector ? `  selector:${yamlMap(selector, '    ')}\n` : '') +
  `  ports:\n    - name: http\n      port: 80\n`;

const deployment = (name: string, ns: string, l: Record<string, string>): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n` +
  `  template:\n    metadata:\n      labels:${yamlMap(l, '        ')}\n    spec:\n` +
  `      containers:\n        - name: c\n          image: c\n`;

const workspace = fc.record({
  services: fc.array(
    fc.record({ ns: fc.constantFrom(...NAMESPACES), selector: fc.option(labels, { nil: undefined }) }),
    { maxLength: 8 },
  ),
  workloads: fc.array(fc.record({ ns: fc.constantFrom(...NAMESPACES), labels }), { maxLength: 8 }),
});

let engine: IstioService | undefined;
let run = 0;

interface Generated {
  services: { ns: string; selector?: Record<string, string> }[];
  workloads: { ns: string; labels: Record<string, string> }[];
}

function indexed(ws: Generated): { resolver: Resolver; done: () => void } {
  engine ??= new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(m) });
  const s = engine;
  const uri = `file:///resolver-indexes/${++run}.yaml`;
  const text = [
    ...ws.services.map((x, i) => service(`s${i}`, x.ns, x.selector)),
    ...ws.workloads.map((x, i) => deployment(`w${i}`, x.ns, x.labels)),
  ].join('---\n');
  s.workspace.update(s.snapshot(uri, 1, text));
  return {
    resolver: new Resolver(s.workspace.index),
    done: () => {
      s.workspace.remove(uri);
      s.close(uri);
    },
  };
}

const selectsPlain = (selector: Record<string, string>, l: Record<string, string>): boolean =>
  Object.keys(selector).every((k) => Object.prototype.hasOwnProperty.call(l, k) && l[k] === selector[k]);

describe('resolver label indexes equal the straightforward definitions', () => {
  it('servicesSelecting: the Services of the workload namespace whose non-empty selector it matches', () => {
    fc.assert(
      fc.property(workspace, (ws) => {
        const { resolver, done } = indexed(ws);
        try {
          const services = resolver.resources('Service');
          const workloads = WORKLOAD_KINDS.flatMap((k) => [...resolver.resources(k)]);
          assert.equal(services.length, ws.services.length);
          assert.equal(workloads.length, ws.workloads.length);
          for (const w of workloads) {
            const expected = services.filter((svc) => {
              const sel = svc.service?.selector ?? {};
              return (
                svc.namespace === w.namespace &&
                Object.keys(sel).length > 0 &&
                selectsPlain(sel, w.workload?.labels ?? {})
              );
            });
            assert.deepEqual(
              resolver.servicesSelecting(w).map((r: Resource) => r.name),
              expected.map((r) => r.name),
            );
          }
        } finally {
          done();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('serviceNamed and serviceEntryListing: the first match in index order', () => {
    const se = (name: string, hosts: string[]): string =>
      `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: ${name}\n  namespace: a\n` +
      `spec:\n  hosts: [${hosts.map((h) => `"${h}"`).join(', ')}]\n  resolution: DNS\n  ports:\n    - {number: 80, name: http, protocol: HTTP}\n`;
    const names = fc.constantFrom('p', 'q');
    const hosts = fc.array(fc.constantFrom('x.com', 'y.com', 'z.com'), { maxLength: 2 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...NAMESPACES), names), { maxLength: 5 }),
        fc.array(hosts, { maxLength: 4 }),
        (svcs, ses) => {
          const s = (engine ??= new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(m) }));
          const uri = `file:///resolver-indexes/${++run}.yaml`;
          const text = [
            ...svcs.map(([ns, name], i) => service(name, ns, { n: String(i) })),
            ...ses.map((h, i) => se(`e${i}`, h)),
          ].join('---\n');
          s.workspace.update(s.snapshot(uri, 1, text));
          try {
            const resolver = new Resolver(s.workspace.index);
            for (const ns of NAMESPACES)
              for (const name of ['p', 'q']) {
                const first = resolver
                  .resources('Service')
                  .find((x) => x.namespace === ns && x.name === name);
                assert.equal(resolver.serviceNamed(ns, name), first);
              }
            for (const h of ['x.com', 'y.com', 'z.com', 'w.com']) {
              const first = resolver
                .resources('ServiceEntry')
                .find((x) => strings(x.spec?.hosts)?.includes(h));
              assert.equal(resolver.serviceEntryListing(h), first);
            }
          } finally {
            s.workspace.remove(uri);
            s.close(uri);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('workloads: the pod templates of a namespace (or all) whose labels the selector matches', () => {
    fc.assert(
      fc.property(workspace, labels, fc.constantFrom(undefined, ...NAMESPACES, 'c'), (ws, selector, ns) => {
        const { resolver, done } = indexed(ws);
        try {
          const all = WORKLOAD_KINDS.flatMap((k) => [...resolver.resources(k)]);
          const expected = all.filter(
            (w) =>
              (ns === undefined || w.namespace === ns) && selectsPlain(selector, w.workload?.labels ?? {}),
          );
          const got = resolver.workloads(ns, selector);
          if (expected.length) {
            assert.equal(got.status, 'found');
            // Within a namespace in index order; across namespaces (ns undefined) grouped by namespace.
            const names = (rs: readonly Resource[]): string[] => {
              const out = rs.map((r) => `${r.namespace}/${r.name}`);
              return ns === undefined ? out.sort() : out;
            };
            assert.deepEqual(got.status === 'found' ? names(got.targets) : [], names(expected));
          } else assert.equal(got.status, 'unknown'); // no cluster: nothing can prove absence
        } finally {
          done();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the DestinationRule Istio picks, from the per-namespace host table', () => {
  const hosts = [
    'r',
    'r.a.svc.cluster.local',
    'q.b.svc.cluster.local',
    '*.a.svc.cluster.local',
    '*.svc.cluster.local',
    '*',
  ];
  const rule = fc.record({
    ns: fc.constantFrom('a', 'b', 'istio-system'),
    host: fc.constantFrom(...hosts),
    exportTo: fc.constantFrom(undefined, ['.'], ['*'], ['a'], ['b']),
    selector: fc.boolean(),
  });
  type Rule = { ns: string; host: string; exportTo?: readonly string[]; selector: boolean };
  const text = (rs: Rule[]): string =>
    rs
      .map(
        (r, i) =>
          `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d${i}\n  namespace: ${r.ns}\n` +
          `spec:\n  host: "${r.host}"\n` +
          (r.exportTo ? `  exportTo: [${r.exportTo.map((e) => `"${e}"`).join(', ')}]\n` : '') +
          (r.selector ? '  workloadSelector:\n    matchLabels:\n      app: r\n' : ''),
      )
      .join('---\n');

  // The straightforward reading of PushContext.destinationRule: in the client's namespace, then the
  // service's (exported rules), then the root namespace (exported), the most specific host of the
  // rules without workloadSelector, and every such rule of that host.
  function plain(resolver: Resolver, host: string, client: string): string[] | undefined {
    const drs = resolver.resources('DestinationRule').filter((d) => !d.spec?.workloadSelector);
    const pickIn = (ns: string, exported: boolean): string[] | undefined => {
      const cands = drs.filter(
        (d) =>
          d.namespace === ns &&
          (!exported || visibleTo(strings(d.spec?.exportTo), d.namespace, client, ['*'])),
      );
      const best = mostSpecific(
        host,
        cands.map((d) => resolver.drHost(d) ?? ''),
      );
      return best ? cands.filter((d) => resolver.drHost(d) === best).map((d) => d.name) : undefined;
    };
    const svcNs = host.split('.')[1];
    return (
      pickIn(client, false) ??
      (svcNs && svcNs !== client ? pickIn(svcNs, true) : undefined) ??
      (client !== 'istio-system' ? pickIn('istio-system', true) : undefined)
    );
  }

  it('equals the straightforward reading for every host and client namespace', () => {
    const s = new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(m) });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), (rs) => {
        const uri = 'file:///drs/one.yaml';
        s.workspace.update(s.snapshot(uri, ++run, text(rs)));
        const resolver = new Resolver(s.workspace.index);
        for (const host of [
          'r.a.svc.cluster.local',
          'q.b.svc.cluster.local',
          'x.a.svc.cluster.local',
          'example.com',
        ])
          for (const client of ['a', 'b', 'istio-system']) {
            const got = resolver.destinationRule(host, client);
            assert.deepEqual(
              got?.rules.map((d) => d.name),
              plain(resolver, host, client),
              `${host} from ${client}`,
            );
          }
      }),
      { numRuns: 200 },
    );
  });
});

describe('per-kind stamps of the index', () => {
  const vs = (subset: string): string =>
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n  namespace: a\nspec:\n' +
    `  hosts: [r]\n  http:\n    - route:\n        - destination:\n            host: r\n            subset: ${subset}\n`;
  const dr = (subset: string): string =>
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\n  namespace: a\nspec:\n' +
    `  host: r\n  subsets:\n    - name: ${subset}\n      labels:\n        version: ${subset}\n`;
  const docs = {
    vs: ['v1', 'v2'].map(vs),
    dr: ['v1', 'v2', 'v3'].map(dr),
    svc: [service('r', 'a', { app: 'r' }), service('r', 'a', { app: 'q' })],
    dep: [
      deployment('r', 'a', { app: 'r', version: 'v1' }),
      deployment('r', 'a', { app: 'r', version: 'v3' }),
    ],
  };
  type Pick = { vs: number; dr: number; svc: number; dep: number; order: boolean; blank: boolean };
  const pick = fc.record({
    vs: fc.nat(1),
    dr: fc.nat(2),
    svc: fc.nat(1),
    dep: fc.nat(1),
    order: fc.boolean(),
    blank: fc.boolean(),
  });
  const change = fc.oneof(
    fc.record({ vs: fc.nat(1) }),
    fc.record({ dr: fc.nat(2) }),
    fc.record({ svc: fc.nat(1) }),
    fc.record({ dep: fc.nat(1) }),
    fc.record({ order: fc.boolean() }),
    fc.record({ blank: fc.boolean() }),
  );
  // Two files; the first holds a Deployment and a VirtualService, the second the rest. `blank` adds a
  // comment line at the top (the VirtualService moves), `order` swaps the documents of the second file.
  const texts = (p: Pick): [string, string] => {
    const second = [docs.dr[p.dr], docs.svc[p.svc]];
    if (p.order) second.reverse();
    return [(p.blank ? '# moved\n' : '') + `${docs.dep[p.dep]}---\n${docs.vs[p.vs]}`, second.join('---\n')];
  };
  const crossOf = (s: IstioService, uris: string[]): string[][] =>
    uris.map((u) =>
      s.workspace
        .diagnostics(u, DEFAULT_SETTINGS, () => undefined)
        .map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`),
    );

  it('an edited workspace gives the cross-resource findings of a fresh one, at every step', () => {
    fc.assert(
      fc.property(pick, fc.array(change, { minLength: 1, maxLength: 10 }), (start, changes) => {
        const live = new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(m) });
        const uris = ['file:///stamps/one.yaml', 'file:///stamps/two.yaml'];
        // Each step changes one thing of the previous one, as an edit does.
        const steps = [start];
        for (const c of changes) steps.push({ ...steps[steps.length - 1], ...c });
        steps.forEach((p, version) => {
          const t = texts(p);
          uris.forEach((u, i) => live.workspace.update(live.snapshot(u, version + 1, t[i])));
          const fresh = new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(m) });
          uris.forEach((u, i) => fresh.workspace.update(fresh.snapshot(u, 1, t[i])));
          assert.deepEqual(crossOf(live, uris), crossOf(fresh, uris));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('an edit of one document leaves the stamps of the other kinds of its file alone', () => {
    const s = new IstioService({ schemasDir: SCHEMAS, log: (m) => assert.fail(m) });
    const uri = 'file:///stamps/three.yaml';
    s.workspace.update(s.snapshot(uri, 1, `${docs.dep[0]}---\n${docs.dr[0]}`));
    const index = s.workspace.index;
    const before = { dep: index.stamp('Deployment'), dr: index.stamp('DestinationRule') };
    s.workspace.update(s.snapshot(uri, 2, `${docs.dep[0]}---\n${docs.dr[1]}`));
    assert.equal(index.stamp('Deployment'), before.dep);
    assert.ok(index.stamp('DestinationRule') > before.dr);
    // A line added above moves the Deployment: its stamp changes too.
    s.workspace.update(s.snapshot(uri, 3, `#\n${docs.dep[0]}---\n${docs.dr[1]}`));
    assert.ok(index.stamp('Deployment') > before.dep);
  });
});
