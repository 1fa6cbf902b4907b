// istioctl's built-in profiles: offered by the Install command (client) and checked in IstioOperator
// files (server). Declared once here.

/** Built-in profiles of istioctl 1.30 (manifests/profiles/*.yaml), with a short note of what each changes. */
export const PROFILES: readonly { name: string; note: string }[] = [
  { name: 'default', note: 'istiod and the ingress gateway; the starting point for production' },
  {
    name: 'demo',
    note: 'adds the egress gateway, access logs and small resource requests, for trying Istio out',
  },
  { name: 'minimal', note: 'istiod only, no gateways' },
  { name: 'remote', note: 'for a cluster that uses an external control plane' },
  { name: 'empty', note: 'nothing enabled; a base for gateway-only installs' },
  { name: 'preview', note: 'turns on preview features' },
  { name: 'ambient', note: 'ambient mode: CNI and ztunnel, no ingress gateway' },
  { name: 'stable', note: 'adds a policy that rejects non-stable APIs and fields' },
  { name: 'openshift', note: 'CNI in kube-system and the OpenShift platform values' },
  { name: 'openshift-ambient', note: 'ambient mode on OpenShift' },
];
