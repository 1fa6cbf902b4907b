import type { KindEntry } from '../schema/catalog';

/**
 * A minimal valid spec for each kind, used by the "new resource" completion at the top of an empty
 * document. Tab stops: ${1} is the name; later ones are the fields a user must fill in.
 */
const SPECS: Record<string, string> = {
  VirtualService: 'hosts:\n- ${2:reviews}\nhttp:\n- route:\n  - destination:\n      host: ${2:reviews}',
  DestinationRule: 'host: ${2:reviews}\nsubsets:\n- name: ${3:v1}\n  labels:\n    version: ${3:v1}',
  Gateway:
    'selector:\n  istio: ingressgateway\nservers:\n- port:\n    number: ${2:80}\n    name: http\n    protocol: HTTP\n  hosts:\n  - "${3:example.com}"',
  ServiceEntry:
    'hosts:\n- ${2:api.example.com}\nlocation: MESH_EXTERNAL\nports:\n- number: 443\n  name: https\n  protocol: TLS\nresolution: DNS',
  Sidecar: 'egress:\n- hosts:\n  - "./*"\n  - "istio-system/*"',
  WorkloadEntry: 'address: ${2:10.0.0.10}\nlabels:\n  app: ${3:vm-app}',
  WorkloadGroup: 'metadata:\n  labels:\n    app: ${2:vm-app}\ntemplate:\n  serviceAccount: ${3:default}',
  EnvoyFilter: 'workloadSelector:\n  labels:\n    app: ${2:reviews}\nconfigPatches: []',
  ProxyConfig: 'concurrency: ${2:2}',
  PeerAuthentication: 'mtls:\n  mode: ${2|STRICT,PERMISSIVE,DISABLE|}',
  AuthorizationPolicy:
    'selector:\n  matchLabels:\n    app: ${2:productpage}\naction: ALLOW\nrules:\n- to:\n  - operation:\n      methods: ["GET"]',
  RequestAuthentication:
    'selector:\n  matchLabels:\n    app: ${2:httpbin}\njwtRules:\n- issuer: "${3:https://issuer.example.com}"\n  jwksUri: "${4:https://issuer.example.com/jwks.json}"',
  Telemetry: 'accessLogging:\n- providers:\n  - name: envoy',
  WasmPlugin:
    'selector:\n  matchLabels:\n    app: ${2:productpage}\nurl: ${3:oci://ghcr.io/example/filter:1.0}',
  IstioOperator:
    'profile: ${2|default,demo,minimal,empty,preview,ambient,remote|}\ncomponents:\n  ingressGateways:\n  - name: istio-ingressgateway\n    enabled: true',
  TrafficExtension: 'lua:\n  inlineCode: |\n    ${2:function envoy_on_request(handle) end}',
};

/** The whole resource as snippet text: apiVersion, kind, metadata and a minimal valid spec. */
export function newResourceSnippet(entry: KindEntry): string | undefined {
  const spec = SPECS[entry.kind];
  if (!spec) return undefined;
  const indented = spec
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `apiVersion: ${entry.group}/${entry.storageVersion}\nkind: ${entry.kind}\nmetadata:\n  name: \${1:my-${entry.plural.replace(/s$/, '')}}\nspec:\n${indented}\n$0`;
}
