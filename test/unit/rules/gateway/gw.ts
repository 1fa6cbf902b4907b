/** A Gateway named `name`; `servers` starts on line 6 (each server usually `- port: ...`). */
export const gw = (servers: string, name = 'gw'): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
spec:
  servers:
${servers}`;

/** One server with the given port line contents and extra lines (indented by 4). */
export const server = (port: string, extra = '    hosts: ["example.com"]\n'): string =>
  `  - port: {${port}}\n${extra}`;
