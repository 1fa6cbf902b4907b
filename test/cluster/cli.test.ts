import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import { execPlugin, tempDir, writeJson, runCli as run } from './harness';

describe('istio-lint against a cluster', () => {
  let server: ApiServer;
  let dir: string;
  let kcFile: string;
  let clean: string;
  before(async () => {
    server = await startApiServer({ seedDir: BOOKINFO_SEED });
    dir = tempDir();
    kcFile = writeJson(dir, 'kubeconfig', kubeconfig(server, 'test'));
    clean = join(dir, 'ok.yaml');
    writeFileSync(
      clean,
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: reviews\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports:\n    - name: http\n      port: 9080\n',
    );
  });
  after(() => server.stop());

  test('--kubeconfig and --context: reads the cluster, then lints', async () => {
    const r = await run(['--kubeconfig', kcFile, '--context=test-viewer', '--format', 'json', clean]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /read cluster context "test-viewer" \(Istio 1\.30\.3\)/);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('refused credentials: says so and exits 2, no findings', async () => {
    const bad = writeJson(dir, 'kc-bad', {
      ...kubeconfig(server, 'test'),
      users: [{ name: 'test-admin', user: { token: 'wrong-token-xyz' } }],
    });
    const r = await run(['--kubeconfig', bad, '--format', 'json', clean]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unauthorized: .*401/);
    assert.equal(r.stdout, '');
    assert.ok(!r.stderr.includes('wrong-token-xyz'));
  });

  test('unreachable: says which (connection refused) and exits 2 within the request timeout', async () => {
    await server.refuseConnections();
    try {
      const r = await run(['--kubeconfig', kcFile, clean]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unreachable: .*connection refused/);
      assert.doesNotMatch(r.stderr, /Retrying/, 'the CLI does not retry, so it must not say it does');
      assert.ok(r.ms < 5000 + 3000, `${r.ms} ms`);
    } finally {
      await server.acceptConnections();
    }
  });

  test('a context that is not in the kubeconfig exits 2', async () => {
    const r = await run(['--kubeconfig', kcFile, '--context', 'prod-eu', clean]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /context "prod-eu" is not in the kubeconfig/);
  });

  test('without --context or --kubeconfig the CLI never connects (no exec plugin runs)', async () => {
    const marker = join(dir, 'ran');
    const plugin = execPlugin(
      dir,
      'marker',
      `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); process.exit(1)`,
    );
    const kc = writeJson(dir, 'kc-marker', {
      ...kubeconfig(server, 'test'),
      users: [
        {
          name: 'test-admin',
          user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } },
        },
      ],
    });
    const r = await run([clean], { KUBECONFIG: kc });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(marker), false);
    const u = await run([clean, '--context']);
    assert.equal(u.code, 2, 'an option without its value is a usage error');
  });
});
