import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  BOOKINFO_SEED,
  kubeconfig,
  startApiServer,
  type ApiServer,
  type KubeObject,
} from '../../scripts/apiserver/index.mjs';
import { tempDir, writeJson, runCli as run } from './harness';
import { OLDER_ISTIO, olderDestinationRuleCrd, olderIstiod } from './olderIstio';

// retryBudget (line 8) came after the older Istio's DestinationRule CRD (see olderIstio.ts).
const DR = (name: string): string => `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: bookinfo
spec:
  host: reviews
  trafficPolicy:
    retryBudget:
      percent: 20
`;

interface Result {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number } };
}

/** istio-lint --context validates with the cluster's CRDs, in the main thread and in worker threads. */
describe("istio-lint --context validates with the cluster's CRDs", () => {
  let server: ApiServer;
  let kc: string;
  let files: string[];
  before(async () => {
    server = await startApiServer({ seedDir: BOOKINFO_SEED });
    server.apply(olderDestinationRuleCrd() as unknown as KubeObject);
    server.apply(olderIstiod() as unknown as KubeObject);
    const dir = tempDir();
    kc = writeJson(dir, 'kubeconfig', kubeconfig(server, 'prod-eu'));
    files = ['a', 'b'].map((n) => {
      const f = join(dir, `${n}.yaml`);
      writeFileSync(f, DR(`reviews-${n}`));
      return f;
    });
  });
  after(() => server.stop());

  for (const jobs of ['1', '2']) {
    test(`a field the cluster's Istio does not have is reported (--jobs ${jobs})`, async () => {
      const r = await run([
        '--kubeconfig',
        kc,
        '--context',
        'prod-eu',
        '--jobs',
        jobs,
        '--format',
        'json',
        ...files,
      ]);
      assert.equal(r.code, 1, r.stderr);
      const found = (JSON.parse(r.stdout) as Result[]).filter((x) => x.severity === 'error');
      assert.deepEqual(
        found.map((x) => [x.file, x.code, x.range.start.line]),
        files.map((f) => [f, 'unknown-field', 8]),
      );
      for (const x of found)
        assert.match(
          x.message,
          new RegExp(`not supported by Istio ${OLDER_ISTIO.replace(/\./g, '\\.')} in cluster prod-eu`),
        );
    });
  }

  test('without --context the bundled (newer) schemas accept the field', async () => {
    const r = await run(['--jobs', '2', '--format', 'json', ...files]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const found = (JSON.parse(r.stdout) as Result[]).filter((x) => x.code === 'unknown-field');
    assert.deepEqual(found, []);
  });
});
