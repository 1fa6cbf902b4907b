// The fake cluster both fakes describe: namespaces, pods with sidecars, deployments.
'use strict';

const NAMESPACES = [
  { name: 'default', labels: {} },
  { name: 'istio-system', labels: {} },
  { name: 'bookinfo', labels: { 'istio-injection': 'enabled' } },
  { name: 'canary', labels: { 'istio.io/rev': '1-30-3' } },
  { name: 'legacy', labels: { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' } },
];

/** Pods with an istio-proxy container: [pod, namespace, istiod, version]. */
const PROXIES = [
  ['details-v1-7d88846999-6kxtl', 'bookinfo'],
  ['productpage-v1-564d4686f-q8hp9', 'bookinfo'],
  ['reviews-v1-86896b7648-6nrm8', 'bookinfo'],
  ['reviews-v3-5f7c7b5b8d-2rjqk', 'bookinfo'],
  ['istio-ingressgateway-5c9f6b8c4d-7xk2p', 'istio-system'],
];

const DEPLOYMENTS = {
  bookinfo: ['details-v1', 'productpage-v1', 'ratings-v1', 'reviews-v1', 'reviews-v3'],
  'istio-system': ['istio-ingressgateway', 'istiod'],
  canary: ['httpbin'],
  legacy: ['sleep'],
};

function namespaceObject(ns) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns.name,
      labels: { 'kubernetes.io/metadata.name': ns.name, ...ns.labels },
      creationTimestamp: '2026-07-01T08:00:00Z',
      resourceVersion: '1001',
      uid: `0000-${ns.name}`,
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function podObject([name, namespace]) {
  const proxy = name.startsWith('istio-ingressgateway');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name.split('-v')[0], 'security.istio.io/tlsMode': 'istio' } },
    spec: {
      containers: proxy
        ? [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.3' }]
        : [
            { name: name.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''), image: `docker.io/istio/examples-bookinfo-${name.split('-')[0]}:1.20.2` },
            { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.3' },
          ],
      initContainers: proxy ? [] : [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.30.3' }],
    },
    status: { phase: 'Running' },
  };
}

const PLAIN_PODS = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'coredns-668d6bf9bc-x7k2m', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: { containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3' }] },
    status: { phase: 'Running' },
  },
];

module.exports = { NAMESPACES, PROXIES, DEPLOYMENTS, namespaceObject, podObject, PLAIN_PODS };
