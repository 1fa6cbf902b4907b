import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusView } from '../../../client/src/cluster/status';
import type { ClusterState } from '../../../shared/src/protocol';

test('every state has a status line; faults offer Reconnect, connected shows version and last sync', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const v = statusView(
    {
      state: 'connected',
      message: 'Connected.',
      context: 'prod-eu',
      istioVersion: '1.22.1',
      istioRevision: 'canary',
      lastSync: '2026-12-01T11:59:30Z',
    },
    now,
  );
  assert.equal(v.text, '$(vm-active) prod-eu');
  assert.equal(v.detail, 'Connected. · Istio 1.22.1 (canary) · synced 30 s ago');
  assert.equal(v.action?.command, 'istio.reconnectCluster');
  const states: ClusterState[] = [
    'disabled',
    'untrusted',
    'no-kubeconfig',
    'invalid-kubeconfig',
    'connecting',
    'connected',
    'forbidden',
    'unreachable',
    'unauthorized',
    'credentials-failed',
  ];
  for (const s of states) {
    const x = statusView({ state: s, message: `m-${s}`, context: 'c' }, now);
    assert.ok(x.detail.startsWith(`m-${s}`), s);
  }
  assert.equal(
    statusView({ state: 'unreachable', message: 'x', context: 'demo cluster' }).text,
    '$(vm-outline) demo cluster: unreachable',
  );
  assert.equal(
    statusView({ state: 'unauthorized', message: 'x', context: 'c' }).text,
    '$(vm-outline) c: unauthorized',
  );
  assert.equal(
    statusView({ state: 'credentials-failed', message: 'x' }).text,
    '$(vm-outline) credentials failed',
  );
  for (const s of ['unreachable', 'unauthorized', 'credentials-failed'] as const) {
    assert.equal(statusView({ state: s, message: '' }).action?.command, 'istio.reconnectCluster');
    assert.equal(statusView({ state: s, message: '' }).severity, 'warning');
  }
  assert.equal(
    statusView({ state: 'untrusted', message: '' }).action,
    undefined,
    'nothing to do until trusted',
  );
});
