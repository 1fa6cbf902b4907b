// The kubeconfig of a test API server: one cluster (its CA inline), three users and contexts:
//   NAME        bearer token of "admin" (system:masters)
//   NAME-cert   client certificate of "cert-admin" (system:masters)
//   NAME-viewer bearer token of "viewer" (get, list and watch only)
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

const b64 = (s) => Buffer.from(s).toString('base64');

export function kubeconfig(server, name) {
  const cert = server.clientCert('cert-admin');
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': name,
    clusters: [
      { name, cluster: { server: server.url, 'certificate-authority-data': b64(server.ca.certPem) } },
    ],
    users: [
      { name: `${name}-admin`, user: { token: server.tokenOf('admin') } },
      {
        name: `${name}-cert`,
        user: { 'client-certificate-data': b64(cert.certPem), 'client-key-data': b64(cert.keyPem) },
      },
      { name: `${name}-viewer`, user: { token: server.tokenOf('viewer') } },
    ],
    contexts: [
      { name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } },
      { name: `${name}-cert`, context: { cluster: name, user: `${name}-cert`, namespace: 'default' } },
      { name: `${name}-viewer`, context: { cluster: name, user: `${name}-viewer`, namespace: 'default' } },
    ],
  };
}

export function writeKubeconfig(server, name, file) {
  writeFileSync(file, stringify(kubeconfig(server, name)), { mode: 0o600 });
  return file;
}
