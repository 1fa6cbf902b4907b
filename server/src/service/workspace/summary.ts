/**
 * Small summaries of the resources the cross-resource checks read. A summary keeps what resolution
 * needs (names, labels, ports, selectors, the spec of Istio kinds) and a link to the parsed document
 * it came from, so that a finding can be placed on a field of that exact version later. Secrets keep
 * their name and type only; their values are never read.
 */
import type { PlacedDocument } from '../documentStore';
import type { ResourceId } from '../resource';
import { isIstioGroup } from '../validator';
import { entries, isObj, list, num, obj, str, type Obj } from '../rules/shared/values';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
  index: number;
}

export interface PodTemplate {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  serviceAccountName?: string;
  containers: { name?: string; ports: { containerPort?: number; name?: string }[] }[];
  /** Path of the template's metadata in the owner (for related locations). */
  path: (string | number)[];
}

/** What the index keeps of one document. */
export interface Summary {
  uri: string;
  /** Position of the document in its file. */
  doc: number;
  /** The parsed document; absent for resources that come from a cluster. */
  placed?: PlacedDocument;
  group: string;
  version: string;
  kind: string;
  name: string;
  /** metadata.namespace, when the document states it. */
  declaredNamespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The spec of an Istio or Gateway API resource (shared with the parse, not copied). */
  spec?: Obj;
  service?: { ports: ServicePort[]; selector?: Record<string, string>; type: string; exportTo?: string[] };
  workload?: PodTemplate;
  secretType?: string;
  /** data.mesh of an `istio` ConfigMap. */
  meshText?: string;
  /**
   * Where a resource that is not in the workspace comes from: the cluster context it was read from.
   * Absent for workspace files. Completion, hover and related information name it ("cluster prod-eu").
   */
  origin?: { cluster: string };
}

/** A summary placed in the workspace: its effective namespace is known. */
export interface Resource extends Summary {
  namespace: string;
}

export const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
];
const CORE_KINDS = new Set([
  'Namespace',
  'Service',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  ...WORKLOAD_KINDS,
]);

/** True for the kinds the index keeps. */
export function isIndexedKind(group: string, kind: string): boolean {
  if (isIstioGroup(group)) return true;
  if (group === GATEWAY_API_GROUP) return kind === 'Gateway' || kind === 'HTTPRoute';
  return (group === '' || group === 'apps' || group === 'batch') && CORE_KINDS.has(kind);
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

/** The summary of one document, or undefined when the index does not keep it. */
export function summarize(uri: string, doc: number, placed: PlacedDocument): Summary | undefined {
  const { state } = placed;
  const id: ResourceId | undefined = state.id;
  if (!id || state.parsed.helm || !id.name) return undefined;
  if (!isIndexedKind(id.group, id.kind)) return undefined;
  const value = state.parsed.value;
  if (!isObj(value)) return undefined;
  const meta = obj(value.metadata);
  const s: Summary = {
    uri,
    doc,
    placed,
    group: id.group,
    version: id.version,
    kind: id.kind,
    name: id.name,
    declaredNamespace: id.namespace || undefined,
    labels: stringMap(meta?.labels),
    annotations: stringMap(meta?.annotations),
  };
  if (isIstioGroup(id.group) || id.group === GATEWAY_API_GROUP) {
    s.spec = obj(value.spec) ?? {};
    return s;
  }
  switch (id.kind) {
    case 'Service':
      s.service = serviceOf(obj(value.spec), s.annotations);
      break;
    case 'Secret':
      s.secretType = str(value.type) ?? 'Opaque';
      break;
    case 'ConfigMap': {
      if (id.name !== 'istio') return undefined;
      const mesh = obj(value.data)?.mesh;
      if (typeof mesh !== 'string') return undefined;
      s.meshText = mesh;
      break;
    }
    case 'Namespace':
    case 'ServiceAccount':
      break;
    default:
      s.workload = podTemplateOf(id.kind, value);
      if (!s.workload) return undefined;
  }
  return s;
}

function serviceOf(spec: Obj | undefined, annotations: Record<string, string>): Summary['service'] {
  const ports: ServicePort[] = [];
  list(spec?.ports).forEach((p, index) => {
    const o = obj(p);
    if (!o) return;
    const target = o.targetPort;
    ports.push({
      index,
      name: str(o.name),
      port: num(o.port),
      targetPort: typeof target === 'number' || typeof target === 'string' ? target : undefined,
      protocol: str(o.protocol),
      appProtocol: str(o.appProtocol),
    });
  });
  const selector = obj(spec?.selector);
  const exportTo = annotations['networking.istio.io/exportTo'];
  return {
    ports,
    selector: selector ? stringMap(selector) : undefined,
    type: str(spec?.type) ?? 'ClusterIP',
    exportTo:
      exportTo === undefined
        ? undefined
        : exportTo
            .split(',')
            .map((e) => e.trim())
            .filter((e) => e !== ''),
  };
}

/** Where each workload kind keeps its pod template. */
function podTemplateOf(kind: string, value: Obj): PodTemplate | undefined {
  let path: (string | number)[];
  let template: Obj | undefined;
  if (kind === 'Pod') {
    path = [];
    template = value;
  } else if (kind === 'CronJob') {
    path = ['spec', 'jobTemplate', 'spec', 'template'];
    template = obj(obj(obj(obj(value.spec)?.jobTemplate)?.spec)?.template);
  } else {
    path = ['spec', 'template'];
    template = obj(obj(value.spec)?.template);
  }
  if (!template) return undefined;
  const meta = obj(template.metadata);
  const spec = obj(template.spec);
  return {
    labels: stringMap(meta?.labels),
    annotations: stringMap(meta?.annotations),
    serviceAccountName: str(spec?.serviceAccountName) ?? str(spec?.serviceAccount),
    containers: list(spec?.containers).flatMap((c) => {
      const o = obj(c);
      if (!o) return [];
      return [
        {
          name: str(o.name),
          ports: list(o.ports).flatMap((p) => {
            const po = obj(p);
            return po ? [{ containerPort: num(po.containerPort), name: str(po.name) }] : [];
          }),
        },
      ];
    }),
    path: [...path, 'metadata'],
  };
}
