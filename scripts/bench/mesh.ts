// A generated mesh workspace for the CLI and workspace benchmarks and the CLI's --jobs test: one folder
// per namespace, one file per app with its Deployments, Service, ServiceAccount and Istio resources (10
// per file), and seeded problems: an invalid enum (a schema error), and references that point at nothing
// (a subset no DestinationRule defines, a Gateway that is not there) for the cross-resource checks.
// Each app's DestinationRule is written into the next app's file, so every subset reference of a
// VirtualService crosses files (as when routes and traffic policies are kept apart).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const APPS = ['reviews', 'ratings', 'details', 'productpage', 'cart', 'checkout', 'payments', 'search'];
export const RESOURCES_PER_FILE = 10;
const NAMESPACES = 20;

const deployment = (app: string, ns: string, version: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}-${version}
  namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
      version: ${version}
  template:
    metadata:
      labels:
        app: ${app}
        version: ${version}
    spec:
      serviceAccountName: ${app}
      containers:
        - name: ${app}
          image: example.com/${app}:${version}
          ports:
            - containerPort: 9080
`;

/** The text of app file `i`, and how many problems of each sort it carries. */
export interface MeshFile {
  /** The app's resources except its DestinationRule. */
  text: string;
  /** The app's DestinationRule (written into the next app's file). */
  destinationRule: string;
  badEnum: boolean;
  badSubset: boolean;
  badGateway: boolean;
}

export function meshFile(i: number): MeshFile {
  const app = `${APPS[i % APPS.length]}-${i}`;
  const ns = `ns-${i % NAMESPACES}`;
  const badEnum = i % 10 === 3;
  const badSubset = i % 25 === 7;
  const badGateway = i % 40 === 11;
  const host = `${app}.${ns}.svc.cluster.local`;
  const docs = [
    deployment(app, ns, 'v1'),
    deployment(app, ns, 'v2'),
    `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 9080
`,
    `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
`,
    `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${app}-gw
  namespace: ${ns}
spec:
  selector:
    istio: ingressgateway
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
        - ${app}.example.com
`,
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  hosts:
    - ${host}
    - ${app}.example.com
  gateways:
    - mesh
    - ${ns}/${badGateway ? 'nonexistent-gw' : `${app}-gw`}
  http:
    - route:
        - destination:
            host: ${host}
            subset: v1
          weight: 90
        - destination:
            host: ${host}
            subset: ${badSubset ? 'v9' : 'v2'}
          weight: 10
      timeout: 5s
`,
    `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${app}
  mtls:
    mode: STRICT
`,
    `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${app}
  action: ALLOW
  rules:
    - from:
        - source:
            principals:
              - cluster.local/ns/${ns}/sa/${APPS[(i + 1) % APPS.length]}-${i + 1}
      to:
        - operation:
            methods: [GET, POST]
            paths: [/api/*]
`,
    `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  workloadSelector:
    labels:
      app: ${app}
  egress:
    - hosts:
        - ./*
        - istio-system/*
`,
  ];
  const destinationRule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  host: ${host}
  trafficPolicy:
    loadBalancer:
      simple: ${badEnum ? 'ROUND_ROBBIN' : 'ROUND_ROBIN'}
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2
`;
  return { text: docs.join('---\n'), destinationRule, badEnum, badSubset, badGateway };
}

/** What writeMeshWorkspace wrote, and the problems seeded in it. */
export interface MeshWorkspace {
  files: number;
  resources: number;
  seeded: { badEnum: number; badSubset: number; badGateway: number };
}

/** The file of app `i`, below its namespace folder (ns-<i mod 20>). It also holds app i-1's DestinationRule. */
export function meshFileName(i: number): string {
  return `app-${String(i).padStart(4, '0')}.yaml`;
}

/** The folder of app `i`. */
export function meshFolder(i: number): string {
  return `ns-${i % NAMESPACES}`;
}

/**
 * Writes `files` files (namespaces.yaml plus app files) below `dir`, replacing what was there. Returns the
 * counts the bench reports.
 */
export function writeMeshWorkspace(dir: string, files = 1000): MeshWorkspace {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const namespaces = Array.from(
    { length: NAMESPACES },
    (_, n) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${n}\n  labels:\n    istio-injection: enabled\n`,
  );
  writeFileSync(join(dir, 'namespaces.yaml'), namespaces.join('---\n'));
  const seeded = { badEnum: 0, badSubset: 0, badGateway: 0 };
  const apps = files - 1;
  for (let i = 0; i < apps; i++) {
    const f = meshFile(i);
    const previous = meshFile((i + apps - 1) % apps);
    const folder = join(dir, `ns-${i % NAMESPACES}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, meshFileName(i)), `${f.text}---\n${previous.destinationRule}`);
    if (f.badEnum) seeded.badEnum++;
    if (f.badSubset) seeded.badSubset++;
    if (f.badGateway) seeded.badGateway++;
  }
  return { files, resources: NAMESPACES + (files - 1) * RESOURCES_PER_FILE, seeded };
}
