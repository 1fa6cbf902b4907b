import type { Rule } from '../rule';
import { validatePort } from '../shared/ports';
import { isUnixAddress, validateUnixAddress } from '../shared/unixSocket';
import { ingressOf, KIND } from './listeners';

const HOSTS = ['127.0.0.1', '0.0.0.0', '::1', '::', ''];

/** Go's net.SplitHostPort, reduced to what matters here. */
function splitHostPort(s: string): { host: string; port: string } | string {
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return 'missing "]" in the address';
    if (s[end + 1] !== ':') return 'missing port in the address';
    return { host: s.slice(1, end), port: s.slice(end + 2) };
  }
  const colon = s.lastIndexOf(':');
  if (colon < 0) return 'missing port in the address';
  const host = s.slice(0, colon);
  if (host.includes(':'))
    return 'too many colons in the address (write IPv6 hosts in brackets, like [::1]:8080)';
  return { host, port: s.slice(colon + 1) };
}

function problem(endpoint: string): string | undefined {
  if (isUnixAddress(endpoint)) return validateUnixAddress(endpoint);
  const split = splitHostPort(endpoint);
  const problems: string[] = [];
  const { host, port } = typeof split === 'string' ? { host: '', port: '' } : split;
  if (typeof split === 'string') problems.push(split);
  if (!HOSTS.includes(host))
    problems.push(`the host must be 127.0.0.1, 0.0.0.0, [::1], [::] or empty, not "${host}"`);
  if (typeof split !== 'string' || port !== '') {
    if (!/^[+-]?[0-9]+$/.test(port)) problems.push(`the port "${port}" is not a number`);
    else {
      const err = validatePort(Number(port));
      if (err) problems.push(err);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}

export const invalidDefaultEndpoint: Rule = {
  code: 'sc-invalid-default-endpoint',
  severity: 'error',
  kinds: [KIND],
  title: 'Invalid ingress defaultEndpoint',
  explanation: [
    '`ingress[].defaultEndpoint` is where the sidecar forwards inbound traffic inside the pod. Istio accepts only a loopback or wildcard address with a port — `127.0.0.1:<port>`, `0.0.0.0:<port>`, `[::1]:<port>`, `[::]:<port>` or `:<port>` — or `unix://<absolute path>`.',
  ].join('\n'),
  check(ctx) {
    for (const l of ingressOf(ctx.value)) {
      const endpoint = l.value.defaultEndpoint;
      if (typeof endpoint !== 'string' || endpoint === '') continue;
      const p = problem(endpoint);
      if (p)
        ctx.report(
          [...l.path, 'defaultEndpoint'],
          `ingress[${l.index}].defaultEndpoint "${endpoint}": ${p}.`,
          { on: 'value' },
        );
    }
  },
};
