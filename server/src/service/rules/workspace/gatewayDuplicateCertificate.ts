import { selects } from '../../workspace/resolve';
import type { Resource } from '../../workspace/summary';
import { entries, obj, str } from '../shared/values';
import { itemsOf } from '../shared/virtualServiceParts';
import { describe } from './refs';
import type { WorkspaceRule } from './rule';

function selectorOf(gw: Resource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries(gw.spec?.selector)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** One selector is a subset of the other (an empty selector matches every gateway workload). */
export function selectorsOverlap(a: Record<string, string>, b: Record<string, string>): boolean {
  return selects(a, b) || selects(b, a);
}

/** IST0138: Gateways with overlapping selectors use the same TLS certificate. */
export const gatewayDuplicateCertificate: WorkspaceRule = {
  id: 'gateway-duplicate-certificate',
  code: 'IST0138',
  severity: 'warning',
  reads: ['Gateway'],
  title: 'Two Gateways on the same workload use the same certificate',
  explanation:
    'When Gateways that select the same gateway workload use one `credentialName` (or one certificate and key), the proxy may use the wrong server for a connection, because TLS servers are told apart by certificate. Use one Gateway with several hosts, or distinct certificates.',
  check(ctx) {
    const byCert = new Map<string, { gw: Resource; path: (string | number)[] }[]>();
    for (const gw of ctx.subjects('Gateway')) {
      for (const s of itemsOf(gw.spec, 'servers', ['spec'])) {
        const tls = obj(s.value.tls);
        const cred = str(tls?.credentialName);
        const key = cred
          ? `cred:${gw.namespace}/${cred}`
          : tls?.serverCertificate
            ? `file:${str(tls.serverCertificate)}|${str(tls.privateKey)}`
            : undefined;
        if (!key) continue;
        const l = byCert.get(key) ?? [];
        if (!l.some((e) => e.gw === gw))
          l.push({ gw, path: [...s.path, 'tls', cred ? 'credentialName' : 'serverCertificate'] });
        byCert.set(key, l);
      }
    }
    for (const users of byCert.values()) {
      if (users.length < 2 || users.length > 50) continue;
      for (const u of users) {
        const others = users.filter(
          (o) => o.gw !== u.gw && selectorsOverlap(selectorOf(u.gw), selectorOf(o.gw)),
        );
        if (!others.length) continue;
        ctx.report(
          u.gw,
          u.path,
          `the same certificate is used by ${others.map((o) => describe(o.gw)).join(', ')}, which selects the same gateway workload`,
          {
            related: others.map((o) => ({
              resource: o.gw,
              path: o.path,
              message: `${describe(o.gw)} uses the same certificate`,
            })),
          },
        );
      }
    }
  },
};
