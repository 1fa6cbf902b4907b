import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BOOKINFO_SEED, kubeconfig, startApiServer, type ApiServer } from '../../scripts/apiserver/index.mjs';
import { tempDir, writeJson, runCli as run } from './harness';

// Issue 13, section 4: the bundled CLI against the test API server, for the faults not covered in
// cli.test.ts: a slow API server, a kind it may not read, and no request at all without
// --context/--kubeconfig (counted in the server's own request log).

describe('istio-lint against a cluster: faults', () => {
  let server: ApiServer;
  let dir: string;
  let kcFile: string;
  let gateway: string;
  const requests: string[] = [];
  before(async () => {
    server = await startApiServer({ seedDir: BOOKINFO_SEED });
    server.options.log = (line) => requests.push(line);
    dir = tempDir();
    kcFile = writeJson(dir, 'kubeconfig', kubeconfig(server, 'test'));
    gateway = join(dir, 'gw.yaml');
    writeFileSync(
      gateway,
      [
        'apiVersion: networking.istio.io/v1',
        'kind: Gateway',
        'metadata:',
        '  name: gw',
        '  namespace: istio-system',
        'spec:',
        '  selector:',
        '    istio: ingressgateway',
        '  servers:',
        '    - port: {number: 443, name: https, protocol: HTTPS}',
        '      hosts: ["*"]',
        '      tls: {mode: SIMPLE, credentialName: no-such-credential}',
        '',
      ].join('\n'),
    );
  });
  after(() => server.stop());

  test('a slow API server: unreachable (no answer within 5 s), exit 2 within the request timeout, no findings', async () => {
    server.setFaults({ delayMs: 8000 });
    try {
      const r = await run(['--kubeconfig', kcFile, '--format', 'json', gateway]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /unreachable: .*no answer from .* within 5 s/);
      assert.doesNotMatch(r.stderr, /unauthorized/);
      assert.equal(r.stdout, '', 'nothing it could not check');
      assert.ok(r.ms < 5000 + 3000, `${r.ms} ms`);
    } finally {
      server.clearFaults();
    }
  });

  test('Secrets forbidden: it says so, and no finding claims the credential is missing', async () => {
    server.setFaults({ forbid: [{ resource: 'secrets' }] });
    try {
      const r = await run(['--kubeconfig', kcFile, '--format', 'json', gateway]);
      assert.notEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /read cluster context "test" \(Istio 1\.30\.3\); not allowed to read Secret/);
      const findings = JSON.parse(r.stdout) as { severity: string; message: string }[];
      const claims = findings.filter(
        (f) => f.severity !== 'information' && /no-such-credential|secret/i.test(f.message),
      );
      assert.deepEqual(claims, [], 'a Secret it could not read is never reported missing');
    } finally {
      server.clearFaults();
    }
  });

  test('without --context or --kubeconfig, not one request reaches the cluster of KUBECONFIG', async () => {
    const mark = requests.length;
    const r = await run(['--format', 'json', gateway], { KUBECONFIG: kcFile });
    assert.notEqual(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /read cluster/);
    assert.deepEqual(requests.slice(mark), []);
    // The same kubeconfig with --context does connect (so the count above can fail).
    const c = await run(['--context', 'test', '--format', 'json', gateway], { KUBECONFIG: kcFile });
    assert.match(c.stderr, /read cluster context "test"/);
    assert.ok(requests.length > mark);
  });
});
