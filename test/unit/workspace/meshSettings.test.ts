import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  DEFAULT_SETTINGS,
  DEFAULT_WORKSPACE_SETTINGS,
  type IstioSettings,
} from '../../../shared/src/protocol';
import { analyzeWorkspace } from '../../../server/src/service/workspace/analyze';
import { DEFAULT_MESH, parseMesh } from '../../../server/src/service/workspace/mesh';
import { service } from '../helpers';
import { codes, ERROR, INFORMATION } from './helpers';

// MeshConfig (the istio ConfigMap in the root namespace, or istio.mesh.configFile),
// istio.mesh.clusterDomain and istio.workspace.defaultNamespace, as resolution reads them (issue 12 §1, §2).

let counter = 0;
function run(
  files: Record<string, string>,
  settings: IstioSettings = DEFAULT_SETTINGS,
  meshConfigFile?: string,
): Record<string, Diagnostic[]> {
  const s = service();
  s.workspace.setMeshConfig(meshConfigFile);
  const base = `file:///mesh${++counter}/`;
  const list = Object.entries(files).map(([name, text]) => ({ name, uri: base + name, text }));
  try {
    const result = analyzeWorkspace(s, list, settings);
    return Object.fromEntries(list.map((f) => [f.name, result.get(f.uri) ?? []]));
  } finally {
    for (const f of list) {
      s.workspace.remove(f.uri);
      s.close(f.uri);
    }
    s.workspace.setMeshConfig(undefined);
  }
}

const VS = (ns: string | undefined, subset: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews${ns ? `\n  namespace: ${ns}` : ''}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: ${subset}
`;
// The subset line of VS(ns, …) is line 11 with a namespace, 10 without.

const DR = (ns: string, host: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: ${ns}
spec:
  host: ${host}
  subsets:
  - name: v1
    labels: {version: v1}
`;

const ISTIO_CM = (ns: string, mesh: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: ${ns}
data:
  mesh: |
${mesh
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;

/** The Service the VirtualService routes to, so that only the subset is in question. */
const SVC = (ns: string | undefined): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews${ns ? `\n  namespace: ${ns}` : ''}\nspec:\n  ports: [{name: http, port: 9080}]\n`;

const subsetCodes = (ds: Diagnostic[]): [string, number, number][] =>
  codes(ds, 'IST0101', 'unresolved-reference');

describe('MeshConfig fields', () => {
  it('reads rootNamespace, trustDomain and the exportTo defaults; keeps the rest of the base', () => {
    const m = parseMesh(
      'rootNamespace: mesh-root\ntrustDomain: example.org\ndefaultServiceExportTo: ["."]\ndefaultVirtualServiceExportTo: [".", "ops"]\ndefaultDestinationRuleExportTo: ["~"]\n',
      { ...DEFAULT_MESH, clusterDomain: 'corp.internal' },
    );
    assert.deepEqual(m, {
      rootNamespace: 'mesh-root',
      trustDomain: 'example.org',
      clusterDomain: 'corp.internal',
      defaultServiceExportTo: ['.'],
      defaultVirtualServiceExportTo: ['.', 'ops'],
      defaultDestinationRuleExportTo: ['~'],
    });
  });

  it('defaults are istio-system, cluster.local and export to every namespace', () => {
    assert.deepEqual(DEFAULT_MESH, {
      rootNamespace: 'istio-system',
      trustDomain: 'cluster.local',
      clusterDomain: 'cluster.local',
      defaultServiceExportTo: ['*'],
      defaultVirtualServiceExportTo: ['*'],
      defaultDestinationRuleExportTo: ['*'],
    });
  });

  it('falls back to the defaults on broken YAML, a non-map, and wrongly typed fields', () => {
    assert.deepEqual(parseMesh('rootNamespace: [unclosed'), DEFAULT_MESH);
    assert.deepEqual(parseMesh('- a\n- b\n'), DEFAULT_MESH);
    assert.deepEqual(parseMesh(''), DEFAULT_MESH);
    assert.deepEqual(parseMesh('rootNamespace: 7\ndefaultServiceExportTo: [1, 2]\n'), DEFAULT_MESH);
  });
});

describe('rootNamespace from the istio ConfigMap or istio.mesh.configFile', () => {
  const files = {
    'svc.yaml': SVC('bookinfo'),
    'vs.yaml': VS('bookinfo', 'v9'),
    'dr.yaml': DR('mesh-root', 'reviews.bookinfo.svc.cluster.local'),
  };

  it('without MeshConfig, mesh-root is an ordinary namespace: its DestinationRule is not picked, the subset is unknown', () => {
    assert.deepEqual(subsetCodes(run(files)['vs.yaml']), [['unresolved-reference', 11, INFORMATION]]);
  });

  it('the istio ConfigMap in istio-system makes mesh-root the root namespace: its DestinationRule lacks v9', () => {
    const r = run({ ...files, 'mesh.yaml': ISTIO_CM('istio-system', 'rootNamespace: mesh-root') });
    assert.deepEqual(subsetCodes(r['vs.yaml']), [['IST0101', 11, ERROR]]);
  });

  it('an istio ConfigMap in another namespace is not the mesh config', () => {
    const r = run({ ...files, 'mesh.yaml': ISTIO_CM('bookinfo', 'rootNamespace: mesh-root') });
    assert.deepEqual(subsetCodes(r['vs.yaml']), [['unresolved-reference', 11, INFORMATION]]);
  });

  it('istio.mesh.configFile gives the same, and overrides the ConfigMap', () => {
    assert.deepEqual(subsetCodes(run(files, DEFAULT_SETTINGS, 'rootNamespace: mesh-root\n')['vs.yaml']), [
      ['IST0101', 11, ERROR],
    ]);
    const r = run(
      { ...files, 'mesh.yaml': ISTIO_CM('istio-system', 'rootNamespace: mesh-root') },
      DEFAULT_SETTINGS,
      'rootNamespace: istio-system\n',
    );
    assert.deepEqual(subsetCodes(r['vs.yaml']), [['unresolved-reference', 11, INFORMATION]]);
  });
});

describe('trustDomain from MeshConfig', () => {
  const AP = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow, namespace: bookinfo}
spec:
  rules:
  - from:
    - source:
        principals: ["example.org/ns/bookinfo/sa/reviews"]
`;
  const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: reviews, namespace: bookinfo}\n';
  const unknown = (ds: Diagnostic[]): [string, number, number][] =>
    codes(ds, 'unresolved-reference', 'IST0101');

  it('a principal of another trust domain is not checked', () => {
    assert.deepEqual(unknown(run({ 'ap.yaml': AP })['ap.yaml']), []);
  });

  it('with trustDomain example.org, the principal names a ServiceAccount not in the workspace: unknown', () => {
    const r = run({ 'ap.yaml': AP, 'mesh.yaml': ISTIO_CM('istio-system', 'trustDomain: example.org') });
    assert.deepEqual(unknown(r['ap.yaml']), [['unresolved-reference', 7, INFORMATION]]);
  });

  it('with the ServiceAccount in the workspace, nothing is reported', () => {
    const r = run({ 'ap.yaml': AP, 'sa.yaml': SA }, DEFAULT_SETTINGS, 'trustDomain: example.org\n');
    assert.deepEqual(unknown(r['ap.yaml']), []);
  });
});

describe('istio.mesh.clusterDomain', () => {
  const files = {
    'svc.yaml': SVC('bookinfo'),
    'vs.yaml': VS('bookinfo', 'v9'),
    'dr.yaml': DR('bookinfo', 'reviews.bookinfo.svc.corp.internal'),
  };
  const withDomain: IstioSettings = {
    ...DEFAULT_SETTINGS,
    ...DEFAULT_WORKSPACE_SETTINGS,
    mesh: { clusterDomain: 'corp.internal', configFile: '' },
  };

  it('short host reviews is reviews.bookinfo.svc.corp.internal: that DestinationRule applies and lacks v9', () => {
    assert.deepEqual(subsetCodes(run(files, withDomain)['vs.yaml']), [['IST0101', 11, ERROR]]);
  });

  it('with the default cluster.local, the DestinationRule is for another host: the subset is unknown', () => {
    assert.deepEqual(subsetCodes(run(files)['vs.yaml']), [['unresolved-reference', 11, INFORMATION]]);
  });
});

describe('istio.workspace.defaultNamespace', () => {
  const files = {
    'svc.yaml': SVC(undefined),
    'vs.yaml': VS(undefined, 'v9'),
    'dr.yaml': DR('shop', 'reviews.shop.svc.cluster.local'),
  };

  it('a VirtualService without namespace is in the default namespace: the shop DestinationRule applies', () => {
    const shop: IstioSettings = {
      ...DEFAULT_SETTINGS,
      ...DEFAULT_WORKSPACE_SETTINGS,
      workspace: { defaultNamespace: 'shop', exclude: [] },
    };
    assert.deepEqual(subsetCodes(run(files, shop)['vs.yaml']), [['IST0101', 10, ERROR]]);
  });

  it('with the default "default", reviews is reviews.default: no DestinationRule for it, unknown', () => {
    assert.deepEqual(subsetCodes(run(files)['vs.yaml']), [['unresolved-reference', 10, INFORMATION]]);
  });
});
