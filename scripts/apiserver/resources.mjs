// The kinds the test API server serves: built-in kinds, plus every kind that a stored
// CustomResourceDefinition declares (at each of its served versions). Builds the discovery documents.

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Built-in kinds: group, versions, plural, kind, namespaced, shortNames, categories, subresources. */
const BUILTIN = [
  {
    group: '',
    versions: ['v1'],
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'services',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'pods',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'serviceaccounts',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
  },
  { group: '', versions: ['v1'], plural: 'secrets', kind: 'Secret', namespaced: true },
  {
    group: '',
    versions: ['v1'],
    plural: 'configmaps',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  },
  { group: '', versions: ['v1'], plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    plural: 'mutatingwebhookconfigurations',
    kind: 'MutatingWebhookConfiguration',
    namespaced: false,
    categories: ['api-extensions'],
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    plural: 'validatingwebhookconfigurations',
    kind: 'ValidatingWebhookConfiguration',
    namespaced: false,
    categories: ['api-extensions'],
  },
  // Who am I (kubectl auth whoami): created, never stored; answers with the request's user.
  {
    group: 'authentication.k8s.io',
    versions: ['v1'],
    plural: 'selfsubjectreviews',
    kind: 'SelfSubjectReview',
    namespaced: false,
    verbs: ['create'],
    review: true,
  },
  {
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    plural: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    subresources: ['status'],
  },
];

/** Groups whose order in /apis mirrors a real server (built-ins first, then CRD groups by name). */
export const BUILTIN_GROUPS = [
  'apps',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'authentication.k8s.io',
];

function fromCrd(crd) {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const served = (spec.versions ?? []).filter((v) => v.served !== false);
  if (!spec.group || !names.plural || !names.kind || !served.length) return undefined;
  const storage = (spec.versions ?? []).find((v) => v.storage) ?? served[0];
  return {
    group: spec.group,
    versions: served.map((v) => v.name),
    storageVersion: storage.name,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    kind: names.kind,
    listKind: names.listKind ?? `${names.kind}List`,
    namespaced: spec.scope !== 'Cluster',
    shortNames: names.shortNames,
    categories: names.categories,
    subresources: served.some((v) => v.subresources?.status) ? ['status'] : [],
    crd: true,
  };
}

/** A registry of served kinds. `rebuild(crds)` refreshes the CRD-derived part. */
export class Registry {
  constructor() {
    this.rebuild([]);
  }

  rebuild(crds) {
    this.types = [];
    for (const b of BUILTIN)
      this.types.push({
        ...b,
        singular: b.kind.toLowerCase(),
        listKind: `${b.kind}List`,
        storageVersion: b.versions[0],
        crd: false,
      });
    const taken = new Set(this.types.map((t) => `${t.group}/${t.plural}`));
    for (const crd of crds) {
      const t = fromCrd(crd);
      if (!t || taken.has(`${t.group}/${t.plural}`)) continue;
      taken.add(`${t.group}/${t.plural}`);
      this.types.push(t);
    }
    this.byPath = new Map();
    for (const t of this.types) for (const v of t.versions) this.byPath.set(`${t.group}/${v}/${t.plural}`, t);
  }

  /** The kind served at /api(s)/group/version/plural, or undefined. */
  find(group, version, plural) {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** The type that stores objects of an apiVersion + kind (for seeding and for create). */
  forKind(apiVersion, kind) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return this.types.find((t) => t.group === group && t.kind === kind && t.versions.includes(version));
  }

  groups() {
    const names = [...new Set(this.types.filter((t) => t.group !== '').map((t) => t.group))];
    const builtin = BUILTIN_GROUPS.filter((g) => names.includes(g));
    const others = names.filter((g) => !BUILTIN_GROUPS.includes(g)).sort();
    return [...builtin, ...others].map((name) => {
      const versions = orderVersions([
        ...new Set(this.types.filter((t) => t.group === name).flatMap((t) => t.versions)),
      ]);
      return { name, versions };
    });
  }

  /** GET /apis: an APIGroupList. */
  groupList() {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: this.groups().map((g) => ({
        name: g.name,
        versions: g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v })),
        preferredVersion: { groupVersion: `${g.name}/${g.versions[0]}`, version: g.versions[0] },
      })),
    };
  }

  /** GET /apis/group (an APIGroup), or undefined. */
  group(name) {
    return (
      this.groupList().groups.find((g) => g.name === name) && {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...this.groupList().groups.find((g) => g.name === name),
      }
    );
  }

  /** GET /api/v1 or /apis/group/version: an APIResourceList, or undefined when not served. */
  resourceList(group, version) {
    const types = this.types.filter((t) => t.group === group && t.versions.includes(version));
    if (!types.length) return undefined;
    const resources = [];
    for (const t of types) {
      resources.push({
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs ?? VERBS,
        ...(t.shortNames?.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories?.length ? { categories: t.categories } : {}),
      });
      for (const sub of t.subresources ?? []) {
        resources.push({
          name: `${t.plural}/${sub}`,
          singularName: '',
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: ['get', 'patch', 'update'],
        });
      }
    }
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources,
    };
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
export function orderVersions(versions) {
  const rank = (v) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0, v];
    return [m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0, -Number(m[1]), -Number(m[3] ?? 0), v];
  };
  return [...versions].sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return String(x[3]).localeCompare(String(y[3]));
  });
}
