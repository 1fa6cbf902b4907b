import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { ClusterView, CrdSummary, Disposable } from '../cluster/types';
import type { SchemaNode } from './catalog';
import { toValidationSchema } from './compile';

/** Labels that Istio's charts put on its CRDs, newest convention first. */
const VERSION_LABELS = ['app.kubernetes.io/version', 'operator.istio.io/version', 'istio.io/version'];

/** What the cluster says about one kind, when it has a say. */
export interface ClusterKind {
  /** Undefined: the CRDs were read and none declares this kind. */
  crd?: CrdSummary;
}

/**
 * The schemas of the connected cluster's Istio: the openAPIV3Schema (with its CEL rules) of each
 * Istio CRD the cluster serves. Each CRD version is compiled once per CRD resourceVersion; entries of
 * replaced or deleted CRDs are dropped as soon as the cluster says so.
 *
 * The cluster has a say only once its CRDs were listed (`synced`) or, after a dropped connection,
 * from the copy kept (`stale`, where a missing CRD proves nothing). Otherwise the bundled schemas apply.
 */
export class ClusterSchemas {
  private readonly compiled = new Map<string, ValidateFunction>();
  private view: ClusterView | undefined;
  private subscription: Disposable | undefined;
  private gen = 0;
  /** The CRDs by group and kind, rebuilt when the generation changes. */
  private index: { generation: number; byKind: Map<string, CrdSummary> } | undefined;

  constructor(private readonly ajv: Ajv) {}

  /** Grows whenever the cluster's CRDs, its Istio version or the view itself change. */
  get generation(): number {
    return this.gen;
  }

  use(view: ClusterView | undefined): void {
    this.subscription?.dispose();
    this.view = view;
    this.gen++;
    this.compiled.clear();
    this.subscription = view?.onDidChange((change) => {
      if (change.kinds.includes('CustomResourceDefinition') || change.kinds.includes('Deployment')) {
        this.gen++;
        this.forgetReplaced();
      }
    });
  }

  /** The cluster's context, when its CRDs decide validation. */
  get context(): string | undefined {
    return this.active() ? this.view?.context : undefined;
  }

  /** Undefined when the cluster has no say about the kind and the bundled schemas apply. */
  kind(group: string, kind: string): ClusterKind | undefined {
    const view = this.view;
    if (!this.active() || !view) return undefined;
    if (this.index?.generation !== this.gen) {
      const byKind = new Map<string, CrdSummary>();
      for (const c of view.list('CustomResourceDefinition')) byKind.set(`${c.group}/${c.crdKind}`, c);
      this.index = { generation: this.gen, byKind };
    }
    const crd = this.index.byKind.get(`${group}/${kind}`);
    if (crd) return { crd };
    return view.state('CustomResourceDefinition') === 'synced' ? {} : undefined;
  }

  /** The Istio version of the cluster: the default istiod's image tag, else a version label of its CRDs. */
  istioVersion(): string | undefined {
    const view = this.view;
    if (!view) return undefined;
    const fromIstiod = view.istio().find((i) => i.version)?.version;
    if (fromIstiod) return fromIstiod;
    for (const crd of view.list('CustomResourceDefinition')) {
      if (!crd.group.endsWith('istio.io')) continue;
      for (const label of VERSION_LABELS) if (crd.labels[label]) return crd.labels[label];
    }
    return undefined;
  }

  /** "Istio 1.22.3 in cluster prod-eu", or "the Istio of cluster prod-eu" when no version is found. */
  label(): string {
    const version = this.istioVersion();
    const ctx = this.view?.context ?? '';
    return version ? `Istio ${version} in cluster ${ctx}` : `the Istio of cluster ${ctx}`;
  }

  /** The openAPIV3Schema of a served version of the CRD; an open schema when the CRD has none. */
  schema(crd: CrdSummary, version: string): SchemaNode | undefined {
    const v = crd.versions.find((x) => x.name === version && x.served);
    if (!v) return undefined;
    const s = v.schema;
    return s && typeof s === 'object' && !Array.isArray(s)
      ? (s as SchemaNode)
      : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }

  /** The compiled validator of a served CRD version, compiled once per CRD resourceVersion. */
  validator(crd: CrdSummary, version: string): ValidateFunction | undefined {
    const key = cacheKey(crd, version);
    const known = this.compiled.get(key);
    if (known) return known;
    const schema = this.schema(crd, version);
    if (!schema) return undefined;
    // A schema's own `$id` would clash in ajv with the bundled schema or another resourceVersion.
    const { $id, $schema, ...rest } = schema;
    void $id;
    void $schema;
    const validate = this.ajv.compile(toValidationSchema(rest));
    this.compiled.set(key, validate);
    return validate;
  }

  /** How many CRD versions are compiled (for tests of the cache). */
  get compiledCount(): number {
    return this.compiled.size;
  }

  private active(): boolean {
    const view = this.view;
    if (!view?.context) return false;
    const state = view.state('CustomResourceDefinition');
    return state === 'synced' || state === 'stale';
  }

  private forgetReplaced(): void {
    if (!this.compiled.size) return;
    const current = new Set(
      (this.view?.list('CustomResourceDefinition') ?? []).map((c) => `${c.name}@${c.resourceVersion}/`),
    );
    for (const key of [...this.compiled.keys()]) {
      if (!current.has(key.slice(0, key.lastIndexOf('/') + 1))) this.compiled.delete(key);
    }
  }
}

const cacheKey = (crd: CrdSummary, version: string): string =>
  `${crd.name}@${crd.resourceVersion}/${version}`;
