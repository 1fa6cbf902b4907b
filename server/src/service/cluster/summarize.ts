import { load } from 'js-yaml';
import type {
  AnySummary,
  ClusterKind,
  ConfigMapSummary,
  CrdSummary,
  CustomObjectSummary,
  DeploymentSummary,
  InjectorSummary,
  LabelSelectorSummary,
  MeshConfigSummary,
  MutatingWebhookSummary,
  ObjectSummary,
  PodSummary,
  ServicePortSummary,
  ServiceSummary,
} from './types';

/**
 * Turns an object as the API server sends it into the summary the engine keeps. Each summary
 * copies only what checks read, so the raw object can be dropped at once: a Secret's data, a Pod's
 * spec and every managedFields entry never stay in memory.
 */
type Raw = Record<string, unknown>;

const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
};

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

function base<K extends ClusterKind>(kind: K, raw: Raw): ObjectSummary & { kind: K } {
  const md = obj(raw.metadata);
  const labels = strMap(md.labels);
  return {
    kind,
    namespace: str(md.namespace) ?? '',
    name: str(md.name) ?? '',
    labels: Object.keys(labels).length ? labels : EMPTY,
    resourceVersion: str(md.resourceVersion) ?? '',
  };
}

function selector(v: unknown): LabelSelectorSummary | undefined {
  if (v === undefined || v === null) return undefined;
  const s = obj(v);
  const out: LabelSelectorSummary = {};
  if (s.matchLabels !== undefined) out.matchLabels = strMap(s.matchLabels);
  if (Array.isArray(s.matchExpressions)) {
    out.matchExpressions = s.matchExpressions.map((e) => {
      const x = obj(e);
      const values = Array.isArray(x.values)
        ? x.values.filter((y): y is string => typeof y === 'string')
        : undefined;
      return { key: str(x.key) ?? '', operator: str(x.operator) ?? '', ...(values ? { values } : {}) };
    });
  }
  return out;
}

function service(raw: Raw): ServiceSummary {
  const spec = obj(raw.spec);
  const ann = strMap(obj(raw.metadata).annotations);
  const ports: ServicePortSummary[] = arr(spec.ports).map((p) => {
    const x = obj(p);
    const port: ServicePortSummary = {
      port: typeof x.port === 'number' ? x.port : 0,
      protocol: str(x.protocol) ?? 'TCP',
    };
    if (str(x.name) !== undefined) port.name = str(x.name);
    if (typeof x.targetPort === 'number' || typeof x.targetPort === 'string') port.targetPort = x.targetPort;
    if (str(x.appProtocol) !== undefined) port.appProtocol = str(x.appProtocol);
    return port;
  });
  const s: ServiceSummary = { ...base('Service', raw), type: str(spec.type) ?? 'ClusterIP', ports };
  if (spec.selector && typeof spec.selector === 'object') s.selector = strMap(spec.selector);
  const exportTo = ann['networking.istio.io/exportTo'];
  if (exportTo !== undefined)
    s.exportTo = exportTo
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (str(spec.externalName)) s.externalName = str(spec.externalName);
  if (spec.clusterIP === 'None') s.headless = true;
  return s;
}

/** The names of a Secret's keys whose value is not empty; the values themselves are not kept. */
function filledKeys(data: unknown): string[] {
  return Object.entries(obj(data)).flatMap(([k, v]) => (typeof v === 'string' && v !== '' ? [k] : []));
}

function pod(raw: Raw): PodSummary {
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)].map(obj);
  const proxy = containers.find((c) => c.name === 'istio-proxy');
  const p: PodSummary = {
    ...base('Pod', raw),
    serviceAccount: str(spec.serviceAccountName) ?? str(spec.serviceAccount) ?? 'default',
    phase: str(status.phase) ?? 'Unknown',
    node: str(spec.nodeName) ?? '',
    hasProxy: !!proxy,
  };
  if (proxy && str(proxy.image)) p.proxyImage = str(proxy.image);
  // The label wins over the annotation, as in the injector.
  const inject =
    str(obj(obj(raw.metadata).labels)['sidecar.istio.io/inject']) ??
    str(obj(obj(raw.metadata).annotations)['sidecar.istio.io/inject']);
  if (inject !== undefined) p.inject = inject;
  if (spec.hostNetwork === true) p.hostNetwork = true;
  const annotations = obj(obj(raw.metadata).annotations);
  if (annotations['ambient.istio.io/redirection'] === 'enabled') p.ambient = true;
  if (str(annotations['sidecar.istio.io/proxyImage'])) p.customProxyImage = true;
  return p;
}

function webhooks(raw: Raw): MutatingWebhookSummary {
  return {
    ...base('MutatingWebhookConfiguration', raw),
    webhooks: arr(raw.webhooks).map((w) => {
      const x = obj(w);
      const svc = obj(obj(x.clientConfig).service);
      const out: MutatingWebhookSummary['webhooks'][number] = { name: str(x.name) ?? '' };
      const ns = selector(x.namespaceSelector);
      const os = selector(x.objectSelector);
      if (ns) out.namespaceSelector = ns;
      if (os) out.objectSelector = os;
      if (str(svc.name)) out.service = `${str(svc.namespace) ?? ''}/${str(svc.name) ?? ''}`;
      return out;
    }),
  };
}

const exportList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** The fields of MeshConfig that resolution depends on. */
export function meshConfig(text: string): MeshConfigSummary {
  const m = obj(load(text, { json: true }));
  const out: MeshConfigSummary = {};
  if (str(m.rootNamespace)) out.rootNamespace = str(m.rootNamespace);
  if (str(m.trustDomain)) out.trustDomain = str(m.trustDomain);
  const svc = exportList(m.defaultServiceExportTo);
  const vs = exportList(m.defaultVirtualServiceExportTo);
  const dr = exportList(m.defaultDestinationRuleExportTo);
  if (svc) out.defaultServiceExportTo = svc;
  if (vs) out.defaultVirtualServiceExportTo = vs;
  if (dr) out.defaultDestinationRuleExportTo = dr;
  const otp = str(obj(m.outboundTrafficPolicy).mode);
  if (otp) out.outboundTrafficPolicyMode = otp;
  if (str(m.ingressControllerMode)) out.ingressControllerMode = str(m.ingressControllerMode);
  return out;
}

function injector(text: string): InjectorSummary {
  const c = obj(load(text, { json: true }));
  const out: InjectorSummary = {};
  if (str(c.policy)) out.policy = str(c.policy);
  const sel = (v: unknown): LabelSelectorSummary[] | undefined =>
    Array.isArray(v) ? v.map((x) => selector(x) ?? {}) : undefined;
  const always = sel(c.alwaysInjectSelector);
  const never = sel(c.neverInjectSelector);
  if (always) out.alwaysInjectSelector = always;
  if (never) out.neverInjectSelector = never;
  return out;
}

/** From the injector's `values`: the proxy image it injects and whether namespaces are injected by default. */
function injectorValues(text: string): InjectorSummary {
  const v = obj(JSON.parse(text));
  const global = obj(v.global);
  const image = str(obj(global.proxy).image);
  const out: InjectorSummary = {};
  if (image)
    out.proxyImage = image.includes('/')
      ? image
      : `${str(global.hub) ?? ''}/${image}:${str(global.tag) ?? ''}`;
  const byDefault = obj(v.sidecarInjectorWebhook).enableNamespacesByDefault;
  if (typeof byDefault === 'boolean') out.enableNamespacesByDefault = byDefault;
  return out;
}

function configMap(raw: Raw): ConfigMapSummary {
  const s: ConfigMapSummary = base('ConfigMap', raw);
  const data = strMap(raw.data);
  try {
    if (s.name.startsWith('istio-sidecar-injector')) {
      if (data.config !== undefined) s.injector = injector(data.config);
      if (data.values !== undefined) s.injector = { ...s.injector, ...injectorValues(data.values) };
    } else if (data.mesh !== undefined) {
      s.mesh = meshConfig(data.mesh);
    }
  } catch (err) {
    s.parseError = (err as Error).message.split('\n')[0];
  }
  return s;
}

/** The Istio and Gateway API groups: their CRDs keep their schemas, their objects their spec. */
export const isMeshGroup = (group: string): boolean =>
  group === 'istio.io' || group.endsWith('.istio.io') || group === 'gateway.networking.k8s.io';

function crd(raw: Raw): CrdSummary {
  const spec = obj(raw.spec);
  const names = obj(spec.names);
  const group = str(spec.group) ?? '';
  const keepSchema = isMeshGroup(group);
  return {
    ...base('CustomResourceDefinition', raw),
    group,
    crdKind: str(names.kind) ?? '',
    plural: str(names.plural) ?? '',
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions: arr(spec.versions).map((v) => {
      const x = obj(v);
      const out: CrdSummary['versions'][number] = {
        name: str(x.name) ?? '',
        served: x.served === true,
        storage: x.storage === true,
      };
      if (keepSchema) out.schema = obj(x.schema).openAPIV3Schema;
      return out;
    }),
  };
}

/** Istio's version is the tag of the discovery container's image: `docker.io/istio/pilot:1.30.3` → `1.30.3`. */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  if (colon < 0 || ref.indexOf('/', colon) >= 0) return undefined;
  return ref.slice(colon + 1) || undefined;
}

function deployment(raw: Raw): DeploymentSummary {
  const b = base('Deployment', raw);
  const tmpl = obj(obj(obj(raw.spec).template).spec);
  const containers = arr(tmpl.containers).map(obj);
  const c = containers.find((x) => x.name === 'discovery') ?? containers[0];
  const d: DeploymentSummary = {
    ...b,
    revision: b.labels['istio.io/rev'] ?? 'default',
    readyReplicas:
      typeof obj(raw.status).readyReplicas === 'number' ? (obj(raw.status).readyReplicas as number) : 0,
  };
  const image = c ? str(c.image) : undefined;
  if (image) {
    d.image = image;
    const tag = imageTag(image);
    if (tag) d.version = tag.replace(/-distroless$/, '');
  }
  return d;
}

function custom(kind: ClusterKind, raw: Raw): CustomObjectSummary {
  return { ...base(kind, raw), apiVersion: str(raw.apiVersion) ?? '', spec: raw.spec ?? {} };
}

/** The summary of one object of `kind`. Never throws: malformed fields become defaults. */
export function summarize(kind: ClusterKind, raw: unknown): AnySummary {
  const r = obj(raw);
  switch (kind) {
    case 'Namespace':
      return base('Namespace', r);
    case 'Service':
      return service(r);
    case 'Pod':
      return pod(r);
    case 'ServiceAccount':
      return base('ServiceAccount', r);
    case 'Secret':
      return { ...base('Secret', r), type: str(r.type) ?? 'Opaque', keys: filledKeys(r.data) };
    case 'MutatingWebhookConfiguration':
      return webhooks(r);
    case 'ConfigMap':
      return configMap(r);
    case 'CustomResourceDefinition':
      return crd(r);
    case 'Deployment':
      return deployment(r);
    default:
      return custom(kind, r);
  }
}
