/** Builds an AuthorizationPolicy document: `spec` is inserted as is, from line 6 on. */
export const ap = (spec: string, metadata = ''): string => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: p
  namespace: ns
${metadata}spec:
${spec}`;
