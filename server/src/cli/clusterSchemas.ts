import { ClusterStore } from '../service/cluster/store';
import type { ClusterView, CrdSummary, DeploymentSummary, KindState } from '../service/cluster/types';

/**
 * What the CLI's worker threads need of the cluster to validate with its CRDs (`--context`): its
 * context, its CRD list and the state of that list, and the istiod Deployments (for the Istio version
 * that messages name). Plain data, so it crosses to a worker by structured clone.
 */
export interface ClusterSchemaInput {
  context: string;
  crdState: KindState;
  crds: CrdSummary[];
  deployments: DeploymentSummary[];
}

/** The part of a connected cluster that decides validation; undefined without a context. */
export function schemaInput(view: ClusterView): ClusterSchemaInput | undefined {
  if (!view.context) return undefined;
  return {
    context: view.context,
    crdState: view.state('CustomResourceDefinition'),
    crds: [...view.list('CustomResourceDefinition')],
    deployments: [...view.list('Deployment')],
  };
}

/** A fixed view holding only that part, for a worker's engine (`IstioService.useCluster`). */
export function schemaView(input: ClusterSchemaInput): ClusterStore {
  const store = new ClusterStore(input.context);
  store.replace('CustomResourceDefinition', input.crds);
  store.setState('CustomResourceDefinition', input.crdState);
  store.replace('Deployment', input.deployments);
  store.setState('Deployment', 'synced');
  return store;
}
