import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { statusView } from '../../../client/src/cluster/status';

// Issue 13, sections 1 and 5: the settings as the manifest declares them (VS Code enforces the
// scope: a machine-scoped setting is not read from a workspace's .vscode/settings.json), and what
// the status item shows in each state.

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
  contributes: {
    configuration: { properties: Record<string, { scope?: string; enum?: string[]; default?: unknown }> };
    commands: { command: string; title: string; category?: string }[];
  };
};
const props = manifest.contributes.configuration.properties;

describe('cluster settings and commands in the manifest', () => {
  test('istio.cluster.kubeconfig is machine-scoped and restricted in untrusted workspaces', () => {
    assert.equal(props['istio.cluster.kubeconfig']?.scope, 'machine');
    assert.ok(
      manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('istio.cluster.kubeconfig'),
    );
  });

  test('istio.cluster.enabled is auto | on | off, auto by default', () => {
    assert.deepEqual(props['istio.cluster.enabled']?.enum, ['auto', 'on', 'off']);
    assert.equal(props['istio.cluster.enabled']?.default, 'auto');
  });

  test('Select Cluster Context…, Disconnect Cluster and Reconnect are Istio commands', () => {
    const byId = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
    assert.equal(byId.get('istio.selectClusterContext')?.title, 'Select Cluster Context…');
    assert.equal(byId.get('istio.disconnectCluster')?.title, 'Disconnect Cluster');
    for (const id of ['istio.selectClusterContext', 'istio.disconnectCluster', 'istio.reconnectCluster'])
      assert.equal(byId.get(id)?.category, 'Istio', id);
  });
});

describe('the cluster status item', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  test('forbidden for some kinds: the context, a warning, the Istio version, last sync, Reconnect', () => {
    const v = statusView(
      {
        state: 'forbidden',
        message: 'Connected (Istio 1.22.1); not allowed to read Secret: checks that need them say so.',
        context: 'prod-eu',
        istioVersion: '1.22.1',
        forbiddenKinds: ['Secret'],
        lastSync: '2026-12-01T11:58:00Z',
      },
      now,
    );
    assert.equal(v.text, '$(vm-active) prod-eu: some kinds forbidden');
    assert.equal(v.severity, 'warning');
    assert.match(v.detail, /Istio 1\.22\.1/);
    assert.match(v.detail, /not allowed to read Secret/);
    assert.match(v.detail, /synced 2 min ago$/);
    assert.equal(v.action?.command, 'istio.reconnectCluster');
  });

  test('connecting is busy; no kubeconfig and disabled offer Select Context; untrusted offers nothing', () => {
    const c = statusView({ state: 'connecting', message: 'Connecting to https://x…', context: 'a' }, now);
    assert.equal(c.busy, true);
    assert.equal(c.text, '$(loading~spin) a');
    for (const s of ['no-kubeconfig', 'disabled', 'invalid-kubeconfig'] as const)
      assert.equal(
        statusView({ state: s, message: '' }, now).action?.command,
        'istio.selectClusterContext',
        s,
      );
    const u = statusView({ state: 'untrusted', message: 'The workspace is not trusted' }, now);
    assert.equal(u.action, undefined);
    assert.equal(u.severity, 'information');
    assert.match(u.detail, /not trusted/);
  });

  test('the default revision is not repeated; another revision is shown', () => {
    const base = { state: 'connected' as const, message: 'Connected.', context: 'c', istioVersion: '1.30.3' };
    assert.equal(statusView({ ...base, istioRevision: 'default' }, now).detail, 'Connected. · Istio 1.30.3');
    assert.equal(
      statusView({ ...base, istioRevision: '1-30' }, now).detail,
      'Connected. · Istio 1.30.3 (1-30)',
    );
  });
});
