import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { gatewayRefs } from '../../../server/src/service/rules/workspace/refs';
import { rename } from '../../../server/src/service/workspace/rename';
import { service } from '../helpers';
import { Files } from './edits';

const NAMESPACES = ['edge', 'shop', 'bookinfo'];
const FORMS = ['name', 'ns/name', './name', 'name.ns', 'fqdn'] as const;

const gateway = (name: string, ns: string): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/*"]}]
`;

/** A gateways entry in one of Istio's forms that names `name` in `ns`, seen from `vsNs`. */
function entry(form: (typeof FORMS)[number], name: string, ns: string, vsNs: string): string {
  if (form === 'name' && ns === vsNs) return name;
  if (form === './name' && ns === vsNs) return `./${name}`;
  if (form === 'name.ns') return `${name}.${ns}`;
  if (form === 'fqdn') return `${name}.${ns}.svc.cluster.local`;
  return `${ns}/${name}`;
}

const ref = fc.record({
  form: fc.constantFrom(...FORMS),
  decoy: fc.boolean(),
  quoted: fc.boolean(),
});
const vs = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  refs: fc.array(ref, { minLength: 1, maxLength: 3 }),
});
const newName = fc.stringMatching(/^[a-z][-a-z0-9]{0,8}[a-z0-9]$/).filter((n) => n !== 'public');

test('renaming a Gateway rebinds exactly its entries in their own form, and renaming back restores every file', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...NAMESPACES),
      fc.array(vs, { minLength: 1, maxLength: 4 }),
      newName,
      (gwNs, services, name) => {
        // The decoy: a Gateway of the same name in another namespace.
        const decoyNs = NAMESPACES.find((n) => n !== gwNs)!;
        const files: Record<string, string> = {
          'gw.yaml': gateway('public', gwNs),
          'decoy.yaml': gateway('public', decoyNs),
        };
        services.forEach((v, i) => {
          const entries = v.refs.map((r) => {
            const e = entry(r.form, 'public', r.decoy ? decoyNs : gwNs, v.ns);
            return r.quoted ? `"${e}"` : e;
          });
          files[`vs${i}.yaml`] = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs${i}, namespace: ${v.ns}}
spec:
  hosts: [vs${i}.example.com]
  gateways: [${entries.join(', ')}]
  http:
  - route:
    - destination: {host: reviews.bookinfo.svc.cluster.local}
`;
        });
        const ws = new Files(files);
        try {
          const s = service();
          const r = (): ReturnType<typeof s.workspace.resolver> => s.workspace.resolver(DEFAULT_SETTINGS);
          const options = { versionOf: () => null, documentChanges: false };
          const at = { line: 3, character: 9 };
          const forward = rename(s.workspace.index, r(), ws.snapshot('gw.yaml'), at, name, options);
          assert.ok(!('error' in forward), JSON.stringify(forward));
          ws.apply(forward);
          services.forEach((v, i) => {
            const resource = s.workspace.index
              .resources('VirtualService')
              .find((x) => x.uri === ws.uri(`vs${i}.yaml`))!;
            const bound = gatewayRefs(resource).map((g) => {
              const { lookup } = r().gateway(g.ref, resource.namespace);
              return lookup.status === 'found' ? lookup.targets.map((t) => `${t.namespace}/${t.name}`) : [];
            });
            assert.deepEqual(
              bound,
              v.refs.map((x) => [x.decoy ? `${decoyNs}/public` : `${gwNs}/${name}`]),
              ws.text(`vs${i}.yaml`),
            );
          });
          const back = rename(s.workspace.index, r(), ws.snapshot('gw.yaml'), at, 'public', options);
          assert.ok(!('error' in back), JSON.stringify(back));
          ws.apply(back);
          for (const [file, text] of Object.entries(files)) assert.equal(ws.text(file), text, file);
        } finally {
          ws.done();
        }
      },
    ),
    { numRuns: 60 },
  );
});
