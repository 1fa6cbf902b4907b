import type { ClusterStatus } from '../../../shared/src/protocol';

/** How the cluster status item reads: text, detail and severity, from the server's ClusterStatus. */
export interface StatusView {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
  /** The action offered: reconnect, pick a context, or nothing. */
  action?: { title: string; command: string };
}

const RECONNECT = { title: 'Reconnect', command: 'istio.reconnectCluster' };
const SELECT = { title: 'Select Context…', command: 'istio.selectClusterContext' };

function ago(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const t = s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
  return ` · synced ${t} ago`;
}

/** The state in the status text itself, so a glance tells that the cluster is not being read. */
const FAULT_WORD = {
  unreachable: 'unreachable',
  unauthorized: 'unauthorized',
  'credentials-failed': 'credentials failed',
} as const;

export function statusView(s: ClusterStatus, now = Date.now()): StatusView {
  const ctx = s.context ?? '';
  const istio = s.istioVersion
    ? ` · Istio ${s.istioVersion}${s.istioRevision && s.istioRevision !== 'default' ? ` (${s.istioRevision})` : ''}`
    : '';
  switch (s.state) {
    case 'connected':
      return {
        text: `$(vm-active) ${ctx}`,
        detail: `${s.message}${istio}${ago(s.lastSync, now)}`,
        severity: 'information',
        busy: false,
        action: RECONNECT,
      };
    case 'forbidden':
      return {
        text: `$(vm-active) ${ctx}: some kinds forbidden`,
        detail: `${s.message}${ago(s.lastSync, now)}`,
        severity: 'warning',
        busy: false,
        action: RECONNECT,
      };
    case 'connecting':
      return { text: `$(loading~spin) ${ctx}`, detail: s.message, severity: 'information', busy: true };
    case 'unreachable':
    case 'unauthorized':
    case 'credentials-failed':
      return {
        text: `$(vm-outline) ${ctx ? `${ctx}: ` : ''}${FAULT_WORD[s.state]}`,
        detail: s.message,
        severity: 'warning',
        busy: false,
        action: RECONNECT,
      };
    case 'invalid-kubeconfig':
      return {
        text: '$(vm-outline) cluster',
        detail: s.message,
        severity: 'warning',
        busy: false,
        action: SELECT,
      };
    case 'no-kubeconfig':
    case 'untrusted':
    case 'disabled':
      return {
        text: '$(vm-outline) no cluster',
        detail: s.message,
        severity: 'information',
        busy: false,
        ...(s.state === 'untrusted' ? {} : { action: SELECT }),
      };
  }
}
