// What the fake istioctl prints, shaped like istioctl 1.30's output (see shared/istio/ISTIOCTL.md):
// manifest YAML, kube-inject results, analyze messages, proxy-status and proxy-config.
'use strict';
const fs = require('node:fs');
const { PROXIES } = require('./cluster');
const { yaml } = require('./fake');

const PROFILES = ['default', 'demo', 'minimal', 'remote', 'empty', 'preview', 'ambient', 'stable', 'openshift', 'openshift-ambient'];
const SPEC_KEYS = [
  'profile', 'installPackagePath', 'hub', 'tag', 'namespace', 'revision', 'compatibilityVersion',
  'meshConfig', 'components', 'values', 'unvalidatedValues',
];

// ---------------------------------------------------------------- install inputs

/**
 * Merges -f files and --set entries into the few settings the fake cares about. Throws an Error with
 * istioctl's message for the failures it reproduces.
 */
function installInputs(files, sets, revisionFlag) {
  const s = { profile: 'default', revision: '', hub: 'docker.io/istio', tag: '1.30.3', enabled: {} };
  for (const f of files) {
    let text;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      throw new Error(`open ${f}: no such file or directory`);
    }
    const docs = yaml().parseAllDocuments(text).map((d) => d.toJS() || {});
    const ops = docs.filter((d) => d.kind === 'IstioOperator');
    if (ops.length > 1) throw new Error(`${f} contains multiple IstioOperator CRs, only one per file is supported`);
    const spec = (ops[0] || docs[0] || {}).spec || {};
    for (const k of Object.keys(spec)) {
      if (!SPEC_KEYS.includes(k)) throw new Error(`could not unmarshal: json: unknown field "${k}"`);
    }
    if (spec.profile) s.profile = spec.profile;
    if (spec.revision) s.revision = spec.revision;
    if (spec.hub) s.hub = spec.hub;
    if (spec.tag) s.tag = String(spec.tag);
    for (const [name, c] of Object.entries(spec.components || {})) {
      if (c && typeof c === 'object' && 'enabled' in c) s.enabled[name] = !!c.enabled;
    }
  }
  for (const entry of sets) {
    const parts = entry.split('=');
    const path = parts.length === 2 ? parts[0] : entry;
    const value = parts.length === 2 ? parts[1] : '';
    if (path === 'profile') s.profile = value;
    else if (path === 'revision') s.revision = value;
    else if (path === 'hub' || path === 'values.global.hub') s.hub = value;
    else if (path === 'tag' || path === 'values.global.tag') s.tag = value;
    else {
      const m = /^components\.(\w+)\.enabled$/.exec(path);
      if (m) s.enabled[m[1]] = value === 'true';
    }
  }
  if (revisionFlag !== undefined) s.revision = revisionFlag;
  if (s.revision === 'default') s.revision = '';
  if (s.revision && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s.revision)) throw new Error(`invalid revision specified: ${s.revision}`);
  if (!PROFILES.includes(s.profile)) throw new Error(`profile "${s.profile}" not found`);
  return s;
}

/** Which components a profile (plus overrides) turns on. */
function components(s) {
  const p = s.profile;
  const on = {
    base: p !== 'empty',
    pilot: p !== 'empty',
    ingressGateways: ['default', 'demo', 'preview', 'stable', 'openshift'].includes(p),
    egressGateways: p === 'demo',
    cni: ['ambient', 'openshift', 'openshift-ambient'].includes(p),
    ztunnel: ['ambient', 'openshift-ambient'].includes(p),
  };
  return { ...on, ...s.enabled };
}

// ---------------------------------------------------------------- manifest generate

function manifest(s) {
  const c = components(s);
  const rev = s.revision;
  const sfx = rev ? `-${rev}` : '';
  const revLabel = rev || 'default';
  const image = (name) => `${s.hub}/${name}:${s.tag}`;
  const objs = { crd: [], sa: [], crb: [], vwc: [], cm: [], deploy: [], hpa: [], svc: [] };
  if (c.base) {
    for (const [plural, kind] of [['destinationrules', 'DestinationRule'], ['virtualservices', 'VirtualService']]) {
      objs.crd.push({
        apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
        metadata: { name: `${plural}.networking.istio.io`, labels: { app: 'istio-pilot', 'istio.io/rev': revLabel } },
        spec: { group: 'networking.istio.io', names: { kind, plural }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
      });
    }
  }
  if (c.pilot) {
    objs.sa.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'istiod', namespace: 'istio-system' } });
    objs.sa.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `istiod-clusterrole${sfx}-istio-system` }, rules: [] });
    objs.crb.push({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `istiod-clusterrole${sfx}-istio-system` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `istiod-clusterrole${sfx}-istio-system` },
      subjects: [{ kind: 'ServiceAccount', name: 'istiod', namespace: 'istio-system' }],
    });
    objs.vwc.push({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: `istio-validator${sfx}-istio-system`, labels: { 'istio.io/rev': revLabel } }, webhooks: [] });
    objs.cm.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `istio${sfx}`, namespace: 'istio-system' }, data: { mesh: 'defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n' } });
    objs.cm.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `istio-sidecar-injector${sfx}`, namespace: 'istio-system' }, data: { config: 'policy: enabled\n', values: '{}' } });
    objs.deploy.push(deployment(`istiod${sfx}`, 'istiod', image('pilot'), revLabel));
    objs.hpa.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: `istiod${sfx}`, namespace: 'istio-system' }, spec: { minReplicas: 1, maxReplicas: 5 } });
    objs.svc.push(service(`istiod${sfx}`, 'istiod', [15010, 15012, 443, 15014], revLabel));
  }
  if (c.cni) objs.deploy.push(daemonSet('istio-cni-node', image('install-cni')));
  if (c.ztunnel) objs.deploy.push(daemonSet('ztunnel', image('ztunnel')));
  for (const [on, name] of [[c.ingressGateways, 'istio-ingressgateway'], [c.egressGateways, 'istio-egressgateway']]) {
    if (!on) continue;
    objs.sa.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `${name}-service-account`, namespace: 'istio-system' } });
    objs.deploy.push(deployment(name, name, image('proxyv2'), revLabel));
    objs.hpa.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: 'istio-system' }, spec: { minReplicas: 1, maxReplicas: 5 } });
    objs.svc.push(service(name, name, [15021, 80, 443], revLabel));
  }
  const order = ['crd', 'sa', 'crb', 'vwc', 'cm', 'deploy', 'hpa', 'svc'];
  return order.flatMap((k) => objs[k]).map((o) => yaml().stringify(o) + '\n---\n').join('');
}

function deployment(name, app, image, rev) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'istio-system', labels: { app, 'istio.io/rev': rev } },
    spec: { selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: { containers: [{ name: app === 'istiod' ? 'discovery' : 'istio-proxy', image }] } } },
  };
}

function daemonSet(name, image) {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'istio-system' },
    spec: { selector: { matchLabels: { 'k8s-app': name } }, template: { metadata: { labels: { 'k8s-app': name } }, spec: { containers: [{ name, image }] } } },
  };
}

function service(name, app, ports, rev) {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'istio-system', labels: { app, 'istio.io/rev': rev } },
    spec: { selector: { app }, ports: ports.map((p) => ({ name: `port-${p}`, port: p, protocol: 'TCP' })) },
  };
}

// ---------------------------------------------------------------- kube-inject

const TEMPLATE_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'ReplicationController', 'DeploymentConfig'];

/** Returns { stdout, warnings } or throws an Error with istioctl's message. */
function kubeInject(text, version) {
  const warnings = [];
  const out = [];
  for (const doc of yaml().parseAllDocuments(text)) {
    const obj = doc.toJS();
    if (!obj) continue;
    let podSpecOwner;
    if (obj.kind === 'Pod') podSpecOwner = obj;
    else if (TEMPLATE_KINDS.includes(obj.kind)) {
      if (!obj.spec || !obj.spec.template) throw new Error('spec.template is required value');
      podSpecOwner = obj.spec.template;
    } else if (obj.kind === 'CronJob') {
      podSpecOwner = obj.spec && obj.spec.jobTemplate && obj.spec.jobTemplate.spec && obj.spec.jobTemplate.spec.template;
      if (!podSpecOwner) throw new Error('spec.template is required value');
    }
    if (podSpecOwner) {
      const name = `${obj.metadata && obj.metadata.namespace ? obj.metadata.namespace : 'default'}/${obj.metadata ? obj.metadata.name : ''}`;
      const spec = podSpecOwner.spec || (podSpecOwner.spec = {});
      if (spec.hostNetwork) warnings.push(`===> Skipping injection because "${name}" has host networking enabled`);
      else inject(podSpecOwner, version);
    }
    out.push(yaml().stringify(obj) + '---\n');
  }
  return { stdout: out.join(''), warnings };
}

function inject(owner, version) {
  const meta = owner.metadata || (owner.metadata = {});
  const spec = owner.spec;
  const app = (meta.labels && meta.labels.app) || 'app';
  meta.annotations = {
    ...(meta.annotations || {}),
    'istio.io/rev': 'default',
    'kubectl.kubernetes.io/default-container': spec.containers && spec.containers[0] ? spec.containers[0].name : app,
    'sidecar.istio.io/status':
      '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["workload-socket","credential-socket","workload-certs","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"default"}',
  };
  meta.labels = {
    ...(meta.labels || {}),
    'security.istio.io/tlsMode': 'istio',
    'service.istio.io/canonical-name': app,
    'service.istio.io/canonical-revision': (meta.labels && meta.labels.version) || 'latest',
  };
  spec.initContainers = [
    ...(spec.initContainers || []),
    { name: 'istio-init', image: `docker.io/istio/proxyv2:${version}`, args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info'] },
  ];
  spec.containers = [
    ...(spec.containers || []),
    {
      name: 'istio-proxy',
      image: `docker.io/istio/proxyv2:${version}`,
      args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
      ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
      readinessProbe: { failureThreshold: 4, httpGet: { path: '/healthz/ready', port: 15021 }, periodSeconds: 15, timeoutSeconds: 3 },
      resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
      securityContext: { allowPrivilegeEscalation: false, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
      volumeMounts: [{ mountPath: '/var/run/secrets/workload-spiffe-uds', name: 'workload-socket' }, { mountPath: '/etc/istio/proxy', name: 'istio-envoy' }],
    },
  ];
  spec.volumes = [...(spec.volumes || []), { name: 'workload-socket', emptyDir: {} }, { name: 'istio-envoy', emptyDir: { medium: 'Memory' } }];
}

// ---------------------------------------------------------------- analyze

/**
 * A small, faithful slice of `virtualservice.DestinationRuleAnalyzer` (IST0101): a route destination
 * names a subset that no DestinationRule for that host defines. Reported at the destination's `host`
 * line, as istioctl does ({.spec.http[i].route[j].destination.host}).
 */
function analyzeFiles(files, version) {
  const vs = [];
  const subsets = new Set();
  const parseErrors = [];
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      parseErrors.push(`${file}: no such file or directory`);
      continue;
    }
    const lc = new (yaml().LineCounter)();
    const docs = yaml().parseAllDocuments(text, { lineCounter: lc });
    for (const doc of docs) {
      if (doc.errors.length) {
        parseErrors.push(`${file}: ${doc.errors[0].message.split('\n')[0]}`);
        continue;
      }
      const obj = doc.toJS() || {};
      const ns = (obj.metadata && obj.metadata.namespace) || 'default';
      if (obj.kind === 'DestinationRule' && obj.spec) {
        for (const ss of obj.spec.subsets || []) subsets.add(`${ns}/${shortHost(obj.spec.host)}/${ss.name}`);
      }
      if (obj.kind === 'VirtualService' && obj.spec) vs.push({ file, doc, lc, obj, ns });
    }
  }
  const messages = [];
  for (const { file, doc, lc, obj, ns } of vs) {
    for (const section of ['http', 'tcp', 'tls']) {
      (obj.spec[section] || []).forEach((r, i) => {
        (r.route || []).forEach((d, j) => {
          const dest = d.destination || {};
          if (!dest.subset || subsets.has(`${ns}/${shortHost(dest.host)}/${dest.subset}`)) return;
          const node = doc.getIn(['spec', section, i, 'route', j, 'destination', 'host'], true);
          const line = node && node.range ? lc.linePos(node.range[0]).line : 1;
          messages.push({
            code: 'IST0101',
            level: 'Error',
            origin: `VirtualService ${ns}/${obj.metadata.name}`,
            reference: file.endsWith('.json') ? file : `${file}:${line}`,
            message: `Referenced host+subset in destinationrule not found: "${dest.host}+${dest.subset}"`,
            documentationUrl: docUrl('IST0101', version),
          });
        });
      });
    }
  }
  return { messages, parseErrors };
}

function shortHost(h) {
  return String(h || '').split('.')[0];
}

function docUrl(code, version) {
  const [maj, min] = version.split('.');
  return `https://istio.io/v${maj}.${min}/docs/reference/config/analysis/${code.toLowerCase()}/?ref=istioctl-analyze`;
}

/** Messages about live cluster objects (no file reference). */
function clusterMessages(namespaces, version) {
  const out = [];
  if (namespaces.includes('default')) {
    out.push({
      code: 'IST0102',
      level: 'Info',
      origin: 'Namespace default',
      message: 'The namespace is not enabled for Istio injection. Run \'kubectl label namespace default istio-injection=enabled\' to enable it, or \'kubectl label namespace default istio-injection=disabled\' to explicitly mark it as not needing injection.',
      documentationUrl: docUrl('IST0102', version),
    });
  }
  if (namespaces.includes('bookinfo')) {
    out.push({
      code: 'IST0101',
      level: 'Error',
      origin: 'VirtualService bookinfo/reviews',
      message: 'Referenced host+subset in destinationrule not found: "reviews+v3"',
      documentationUrl: docUrl('IST0101', version),
    });
  }
  return out;
}

// ---------------------------------------------------------------- proxy-status and proxy-config

function proxyStatusTable(version) {
  const rows = [['NAME', 'CLUSTER', 'ISTIOD', 'VERSION', 'SUBSCRIBED TYPES']];
  for (const [pod, ns] of PROXIES) rows.push([`${pod}.${ns}`, 'Kubernetes', 'istiod-7d4f9c8b5c-9hx2k', version, '4 (CDS,LDS,EDS,RDS)']);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)) + 3);
  return rows.map((r) => r.map((cell, c) => (c < r.length - 1 ? cell.padEnd(widths[c]) : cell)).join('')).join('\n') + '\n';
}

const PC_TYPES = {
  cluster: 'cluster', clusters: 'cluster', c: 'cluster',
  listener: 'listener', listeners: 'listener', l: 'listener',
  route: 'route', routes: 'route', r: 'route',
  endpoint: 'endpoint', endpoints: 'endpoint', ep: 'endpoint',
  secret: 'secret', secrets: 'secret', s: 'secret',
  bootstrap: 'bootstrap', b: 'bootstrap',
};

function proxyConfigJson(type, pod) {
  const svc = 'reviews.bookinfo.svc.cluster.local';
  switch (type) {
    case 'cluster':
      return [
        { name: `outbound|9080||${svc}`, type: 'EDS', edsClusterConfig: { edsConfig: { ads: {}, initialFetchTimeout: '0s', resourceApiVersion: 'V3' }, serviceName: `outbound|9080||${svc}` }, connectTimeout: '10s', circuitBreakers: { thresholds: [{ maxConnections: 4294967295, maxPendingRequests: 4294967295, maxRequests: 4294967295, maxRetries: 4294967295 }] }, metadata: { filterMetadata: { istio: { services: [{ host: svc, name: 'reviews', namespace: 'bookinfo' }] } } } },
        { name: `outbound|9080|v1|${svc}`, type: 'EDS', connectTimeout: '10s', metadata: { filterMetadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/bookinfo/destination-rule/reviews', subset: 'v1' } } } },
        { name: 'BlackHoleCluster', type: 'STATIC', connectTimeout: '10s' },
        { name: 'PassthroughCluster', type: 'ORIGINAL_DST', connectTimeout: '10s', lbPolicy: 'CLUSTER_PROVIDED' },
      ];
    case 'listener':
      return [
        { name: '0.0.0.0_9080', address: { socketAddress: { address: '0.0.0.0', portValue: 9080 } }, filterChains: [{ filters: [{ name: 'envoy.filters.network.http_connection_manager', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', rds: { routeConfigName: '9080' }, statPrefix: 'outbound_0.0.0.0_9080' } }] }], trafficDirection: 'OUTBOUND' },
        { name: 'virtualOutbound', address: { socketAddress: { address: '0.0.0.0', portValue: 15001 } }, useOriginalDst: true, trafficDirection: 'OUTBOUND' },
      ];
    case 'route':
      return [
        { name: '9080', virtualHosts: [{ name: `${svc}:9080`, domains: [svc, 'reviews', 'reviews.bookinfo'], routes: [{ match: { prefix: '/' }, route: { weightedClusters: { clusters: [{ name: `outbound|9080|v1|${svc}`, weight: 90 }, { name: `outbound|9080|v3|${svc}`, weight: 10 }] }, timeout: '0s' }, metadata: { filterMetadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/reviews' } } } }] }], validateClusters: false },
      ];
    case 'endpoint':
      return [
        { name: `outbound|9080|v1|${svc}`, addedViaApi: true, hostStatuses: [{ address: { socketAddress: { address: '10.244.0.12', portValue: 9080 } }, healthStatus: { edsHealthStatus: 'HEALTHY' }, weight: 1, locality: {} }] },
      ];
    case 'secret':
      return {
        dynamicActiveSecrets: [
          { name: 'default', versionInfo: '2026-07-20 08:00:00.000000000 +0000 UTC m=+0.1', lastUpdated: '2026-07-20T08:00:00.000Z', secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name: 'default', tlsCertificate: { certificateChain: { inlineBytes: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=' }, privateKey: { inlineBytes: 'W3JlZGFjdGVkXQ==' } } } },
          { name: 'ROOTCA', versionInfo: '2026-07-20 08:00:00.000000000 +0000 UTC m=+0.1', lastUpdated: '2026-07-20T08:00:00.000Z', secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name: 'ROOTCA', validationContext: { trustedCa: { inlineBytes: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=' } } } },
        ],
      };
    default:
      return { bootstrap: { node: { id: `sidecar~10.244.0.12~${pod}~bookinfo.svc.cluster.local` } } };
  }
}

function proxyConfigShort(type) {
  const svc = 'reviews.bookinfo.svc.cluster.local';
  switch (type) {
    case 'cluster':
      return `SERVICE FQDN     PORT     SUBSET     DIRECTION     TYPE     DESTINATION RULE\n${svc}     9080     -     outbound     EDS     reviews.bookinfo\n${svc}     9080     v1     outbound     EDS     reviews.bookinfo\n`;
    case 'listener':
      return 'ADDRESSES     PORT      MATCH     DESTINATION\n0.0.0.0       9080      ALL       Route: 9080\n';
    case 'route':
      return `NAME     VHOST NAME     DOMAINS     MATCH     VIRTUAL SERVICE\n9080     ${svc}:9080     reviews, reviews.bookinfo + 1 more...     /*     reviews.bookinfo\n`;
    case 'endpoint':
      return `ENDPOINT             STATUS      OUTLIER CHECK     CLUSTER\n10.244.0.12:9080     HEALTHY     OK                outbound|9080|v1|${svc}\n`;
    default:
      return 'RESOURCE NAME     TYPE           STATUS     VALID CERT     SERIAL NUMBER     NOT AFTER     NOT BEFORE\ndefault           Cert Chain     ACTIVE     true           1f2e3d            2026-07-21T08:00:00Z     2026-07-20T08:00:00Z\n';
  }
}

module.exports = {
  PROFILES, installInputs, components, manifest, kubeInject, analyzeFiles, clusterMessages, proxyStatusTable,
  PC_TYPES, proxyConfigJson, proxyConfigShort,
};
