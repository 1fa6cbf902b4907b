/** A ServiceEntry; `spec` starts on line 6 (metadata has name and namespace, plus `metadata` lines). */
export const se = (spec: string, metadata = ''): string => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: s
  namespace: ns
${metadata}spec:
${spec}`;
