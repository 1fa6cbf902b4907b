/**
 * A small mesh in several files, for the navigation, completion and hover tests. Line numbers in the
 * comments are 0-based, as LSP positions are.
 */
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import type { FileSnapshot } from '../../../server/src/service/documentStore';
import { WorkspaceEngine } from '../../../server/src/service/workspace/engine';
import type { Resolver } from '../../../server/src/service/workspace/resolver';
import { service } from '../helpers';

export const NAMESPACES = `apiVersion: v1
kind: Namespace
metadata:
  name: bookinfo
---
apiVersion: v1
kind: Namespace
metadata:
  name: edge
`;

// reviews: name on line 3; secret-svc (other, exported to its own namespace only); ratings (other).
export const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: bookinfo
  labels: {app: reviews}
spec:
  selector: {app: reviews}
  ports:
  - {name: http, port: 9080}
  - {name: grpc, port: 9090}
---
apiVersion: v1
kind: Service
metadata:
  name: secret-svc
  namespace: other
  annotations:
    networking.istio.io/exportTo: "."
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: ratings
  namespace: other
spec:
  ports: [{port: 8080}]
`;

// reviews-v1: name on line 3, runs as bookinfo-reviews; reviews-v2: name on line 17, runs as default.
export const DEPLOYMENTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews-v1
  namespace: bookinfo
spec:
  selector: {matchLabels: {app: reviews, version: v1}}
  template:
    metadata:
      labels: {app: reviews, version: v1}
    spec:
      serviceAccountName: bookinfo-reviews
      containers: [{name: reviews, image: reviews:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews-v2
  namespace: bookinfo
spec:
  selector: {matchLabels: {app: reviews, version: v2}}
  template:
    metadata:
      labels: {app: reviews, version: v2}
    spec:
      containers: [{name: reviews, image: reviews:2}]
`;

// The ServiceAccount's name is on line 3.
export const ACCOUNTS = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: bookinfo-reviews
  namespace: bookinfo
`;

// Gateway name on line 3; the ingress Deployment (edge, istio=ingressgateway) name on line 12.
export const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/*"]}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress
  namespace: edge
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  template:
    metadata:
      labels: {istio: ingressgateway}
    spec:
      containers: [{name: proxy, image: proxyv2}]
`;

// DestinationRule: name line 3, host line 5, subset v1 name line 7, v2 name line 9.
export const DESTINATION_RULE = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
`;

// ServiceEntry in bookinfo: a plain host and a wildcard host.
export const SERVICE_ENTRY = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: external
  namespace: bookinfo
spec:
  hosts: [api.example.com, "*.wild.example.com"]
  ports: [{number: 443, name: https, protocol: TLS}]
  resolution: DNS
`;

/** The mesh files, by path below the workspace folder. */
export const MESH: Record<string, string> = {
  'mesh/namespaces.yaml': NAMESPACES,
  'bookinfo/services.yaml': SERVICES,
  'bookinfo/deployments.yaml': DEPLOYMENTS,
  'bookinfo/accounts.yaml': ACCOUNTS,
  'mesh/gateway.yaml': GATEWAY,
  'bookinfo/dr.yaml': DESTINATION_RULE,
  'bookinfo/se.yaml': SERVICE_ENTRY,
};

let n = 0;

export interface TestWorkspace {
  engine: WorkspaceEngine;
  resolver: Resolver;
  uri(name: string): string;
  file(name: string): FileSnapshot;
}

/** A fresh workspace engine holding the given files (and the mesh files, unless `mesh` is false). */
export function workspace(files: Record<string, string>, mesh = true): TestWorkspace {
  const s = service();
  const engine = new WorkspaceEngine();
  const base = `file:///meshws${++n}/`;
  const all = mesh ? { ...MESH, ...files } : files;
  for (const [name, text] of Object.entries(all)) engine.update(s.snapshot(base + name, 1, text));
  return {
    engine,
    resolver: engine.resolver(DEFAULT_SETTINGS),
    uri: (name) => base + name,
    file: (name) => engine.index.snapshot(base + name)!,
  };
}
