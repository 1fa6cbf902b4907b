/** A Sidecar; `spec` starts on line 6. */
export const sc = (spec: string): string => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: s
  namespace: ns
spec:
${spec}`;
