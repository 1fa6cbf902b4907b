/**
 * The rules of AuthorizationPolicy, PeerAuthentication, RequestAuthentication, Gateway, ServiceEntry,
 * Sidecar, WorkloadEntry and Telemetry never throw: every value of a realistic document is replaced in
 * turn by values of other types. (The test engine fails on any logged rule error.)
 */
import { test } from 'node:test';
import { stringify } from 'yaml';
import { diagnose } from '../../helpers';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const DOCS: Record<string, Json> = {
  AuthorizationPolicy: {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a', annotations: { 'istio.io/dry-run': 'true' } },
    spec: {
      selector: { matchLabels: { app: 'a' } },
      action: 'CUSTOM',
      provider: { name: 'p' },
      rules: [
        {
          from: [
            {
              source: {
                principals: ['a'],
                ipBlocks: ['1.2.3.4'],
                serviceAccounts: ['a/b'],
                trustDomains: ['t'],
              },
            },
          ],
          to: [{ operation: { ports: ['80'], paths: ['/{*}'] } }],
          when: [{ key: 'source.ip', values: ['1.2.3.4'], notValues: ['x'] }],
        },
      ],
      targetRefs: [{ kind: 'Gateway', group: 'x', name: 'g' }],
    },
  },
  PeerAuthentication: {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'p' },
    spec: { selector: { matchLabels: { app: 'a' } }, portLevelMtls: { '80': { mode: 'STRICT' } } },
  },
  RequestAuthentication: {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: { name: 'r' },
    spec: {
      targetRef: { kind: 'Service', name: 's' },
      jwtRules: [{ issuer: 'i', jwks: '{"keys":[{"kty":"oct","k":"a"}]}', timeout: '1.5ms' }],
    },
  },
  Gateway: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      servers: [
        {
          port: { number: 443, name: 'https', protocol: 'HTTPS', targetPort: 1 },
          bind: 'unix:///a',
          hosts: ['ns/a.com'],
          tls: {
            mode: 'SIMPLE',
            credentialName: 'c',
            serverCertificate: 'a',
            privateKey: 'b',
            caCrl: 'c',
            cipherSuites: ['X'],
            minProtocolVersion: 'TLSV1_0',
            tlsCertificates: [{ serverCertificate: 'a' }],
            httpsRedirect: true,
          },
        },
      ],
    },
  },
  ServiceEntry: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: {
      name: 's',
      namespace: 'n',
      labels: { 'networking.istio.io/enable-autoallocate-ip': 'false' },
    },
    spec: {
      hosts: ['a.com', '*b.com'],
      addresses: ['1.2.3.4'],
      ports: [{ number: 80, name: 'tcp', protocol: 'TCP' }],
      resolution: 'STATIC',
      endpoints: [{ address: 'unix:///a', ports: { tcp: 1 }, labels: { a: 'b' }, network: 'n' }],
      workloadSelector: { labels: { a: 'b' } },
      exportTo: ['.', '~'],
    },
  },
  Sidecar: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 's', namespace: 'n' },
    spec: {
      workloadSelector: { labels: { a: 'b' } },
      ingress: [
        {
          port: { number: 80, protocol: 'HTTPS', name: 'h', targetPort: 1 },
          bind: '1.2.3.4',
          defaultEndpoint: '127.0.0.1:80',
          tls: { mode: 'SIMPLE', credentialName: 'c', subjectAltNames: ['a'] },
          connectionPool: {
            http: { maxRetries: -1, h2UpgradePolicy: 'UPGRADE', useClientProtocol: true },
            tcp: { connectTimeout: '1.5ms' },
          },
        },
      ],
      egress: [
        { port: { number: 0 }, bind: 'unix:///a', captureMode: 'IPTABLES', hosts: ['ns/a.com', '*/*'] },
        { hosts: ['./*'] },
      ],
      outboundTrafficPolicy: {
        mode: 'ALLOW_ANY',
        egressProxy: { host: 'p.com', port: { number: 1 }, subset: 's' },
      },
      inboundConnectionPool: { tcp: { idleTimeout: '1.5ms' } },
    },
  },
  WorkloadEntry: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'WorkloadEntry',
    metadata: { name: 'w' },
    spec: { address: 'a.com', network: 'n', labels: { a: 'b' }, ports: { http: 80 } },
  },
  Telemetry: {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 't' },
    spec: {
      tracing: [
        { providers: [{ name: 'a' }, { name: 'b' }], customTags: { '': { literal: { value: 'v' } } } },
        {},
      ],
      metrics: [
        {
          overrides: [{ tagOverrides: { '': {}, a: { operation: 'REMOVE' } }, match: { customMetric: 'm' } }],
        },
      ],
    },
  },
};

const REPLACEMENTS: Json[] = [null, 42, -1, 'x', '', true, [], {}, [null], [42], { '': null }];

/** Every path below spec and metadata. */
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
  return out;
}

function replaced(doc: Json, path: (string | number)[], value: Json): Json {
  const copy = structuredClone(doc);
  let node = copy as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, Json>;
  node[path[path.length - 1]] = value;
  return copy;
}

for (const [kind, doc] of Object.entries(DOCS)) {
  test(`${kind}: rules survive values of unexpected types`, () => {
    diagnose(stringify(doc));
    for (const path of paths(doc).filter((p) => p[0] === 'spec' || p[0] === 'metadata')) {
      for (const value of REPLACEMENTS) diagnose(stringify(replaced(doc, path, value)));
    }
  });
}
