import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, test } from 'node:test';
import {
  KubeconfigError,
  kubeconfigPaths,
  loadKubeconfig,
  mergeKubeconfigs,
  resolveContext,
} from '../../../server/src/cluster/kubeconfig';

// The oracle is the real kubectl on this machine: `kubectl config view --flatten` merges the files of
// KUBECONFIG and embeds every file it names, read from the path it resolved.
const kubectl = (env: Record<string, string>, ...args: string[]): string => {
  const r = spawnSync('kubectl', args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

function fixture(): { dir: string; a: string; b: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  mkdirSync(join(dir, 'sub', 'rel'), { recursive: true });
  mkdirSync(join(dir, 'sub', 'certs'), { recursive: true });
  writeFileSync(join(dir, 'ca.crt'), 'CA OF A\n');
  writeFileSync(join(dir, 'sub', 'rel', 'ca.pem'), 'CA OF B\n');
  writeFileSync(join(dir, 'sub', 'certs', 'c.pem'), 'CERT OF B\n');
  writeFileSync(join(dir, 'sub', 'certs', 'k.pem'), 'KEY OF B\n');
  const a = join(dir, 'a.yaml');
  const b = join(dir, 'sub', 'b.yaml');
  writeFileSync(
    a,
    `apiVersion: v1
kind: Config
current-context: ctx-a
clusters:
- name: shared
  cluster: {server: "https://a.example:6443", certificate-authority: ca.crt}
contexts:
- name: ctx-a
  context: {cluster: shared, user: ua, namespace: alpha}
users:
- name: ua
  user: {token: aaaaaaaa}
`,
  );
  writeFileSync(
    b,
    `apiVersion: v1
kind: Config
current-context: ctx-b
clusters:
- name: shared
  cluster: {server: "https://b.example:6443"}
- name: only-b
  cluster: {server: "https://onlyb.example", certificate-authority: rel/ca.pem}
contexts:
- name: ctx-a
  context: {cluster: only-b, user: ub}
- name: ctx-b
  context: {cluster: only-b, user: ub}
users:
- name: ub
  user: {client-certificate: certs/c.pem, client-key: certs/k.pem}
`,
  );
  return { dir, a, b };
}

interface Flat {
  clusters: { name: string; cluster: Record<string, string> }[];
  contexts: { name: string; context: Record<string, string> }[];
  users: { name: string; user: Record<string, string> }[];
  'current-context': string;
}

const b64file = (p: unknown): string => readFileSync(String(p)).toString('base64');

describe('kubeconfig merge, as kubectl merges', () => {
  for (const order of ['ab', 'ba'] as const) {
    test(`KUBECONFIG=${order === 'ab' ? 'a:missing:b' : 'b:a'}`, () => {
      const { dir, a, b } = fixture();
      const list = order === 'ab' ? [a, join(dir, 'missing.yaml'), b] : [b, a];
      const env = { KUBECONFIG: list.join(delimiter) };
      const flat = JSON.parse(kubectl(env, 'config', 'view', '--flatten', '-o', 'json')) as Flat;
      const paths = kubeconfigPaths({ KUBECONFIG: env.KUBECONFIG, home: dir });
      assert.equal(paths.length, 2, 'the missing file is skipped');
      const merged = loadKubeconfig(paths);
      assert.equal(merged.currentContext, flat['current-context']);
      assert.deepEqual([...merged.contexts.keys()].sort(), flat.contexts.map((c) => c.name).sort());
      for (const c of flat.contexts) assert.deepEqual(merged.contexts.get(c.name)?.value, c.context, c.name);
      for (const c of flat.clusters) {
        const mine = merged.clusters.get(c.name)?.value ?? {};
        assert.equal(mine.server, c.cluster.server, c.name);
        if (c.cluster['certificate-authority-data']) {
          assert.equal(
            b64file(mine['certificate-authority']),
            c.cluster['certificate-authority-data'],
            c.name,
          );
        }
      }
      for (const u of flat.users) {
        const mine = merged.users.get(u.name)?.value ?? {};
        if (u.user['client-certificate-data']) {
          assert.equal(b64file(mine['client-certificate']), u.user['client-certificate-data']);
          assert.equal(b64file(mine['client-key']), u.user['client-key-data']);
        }
        if (u.user.token) assert.equal(mine.token, u.user.token);
      }
      assert.equal(resolveContext(merged).name, kubectl(env, 'config', 'current-context').trim());
    });
  }

  test('--context overrides current-context; the namespace comes from the context', () => {
    const { a, b } = fixture();
    const merged = loadKubeconfig([a, b]);
    const c = resolveContext(merged, 'ctx-b');
    assert.equal(c.name, 'ctx-b');
    assert.equal(c.cluster.server, 'https://onlyb.example');
    assert.equal(resolveContext(merged).namespace, 'alpha');
  });

  test('without KUBECONFIG: ~/.kube/config, else the setting, else nothing', () => {
    const exists = (set: string[]) => (p: string) => set.includes(p);
    const home = '/home/u';
    const dflt = join(home, '.kube', 'config');
    assert.deepEqual(kubeconfigPaths({ home, setting: '/s', exists: exists([dflt, '/s']) }), [dflt]);
    assert.deepEqual(kubeconfigPaths({ home, setting: '/s', exists: exists(['/s']) }), ['/s']);
    assert.deepEqual(kubeconfigPaths({ home, setting: '', exists: exists([]) }), []);
    assert.deepEqual(
      kubeconfigPaths({ KUBECONFIG: `${delimiter}/x${delimiter}`, home, exists: exists(['/x', dflt]) }),
      ['/x'],
    );
    assert.deepEqual(kubeconfigPaths({ explicit: '/e', KUBECONFIG: '/x', home, exists: exists([]) }), ['/e']);
    assert.throws(
      () => loadKubeconfig([]),
      (e: KubeconfigError) => e.kind === 'no-kubeconfig',
    );
  });

  test('a kubeconfig that does not parse names its file; kubectl refuses it too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'clusters: [\n  - name: x\n  cluster: {server: }\n');
    const r = spawnSync('kubectl', ['config', 'view'], {
      env: { ...process.env, KUBECONFIG: bad },
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0);
    assert.throws(
      () => loadKubeconfig([bad]),
      (e: KubeconfigError) => e.kind === 'invalid-kubeconfig' && e.message.includes(bad),
    );
    assert.throws(
      () => mergeKubeconfigs([{ path: 'x', text: 'clusters: {a: 1}' }]),
      (e: KubeconfigError) => e.kind === 'invalid-kubeconfig',
    );
  });

  test('a context that points nowhere is reported, not guessed', () => {
    const merged = mergeKubeconfigs([
      {
        path: '/k',
        text: 'current-context: gone\ncontexts:\n- name: c\n  context: {cluster: nowhere, user: u}\n',
      },
    ]);
    assert.throws(
      () => resolveContext(merged),
      (e: KubeconfigError) => e.kind === 'context-not-found' && /"gone"/.test(e.message),
    );
    assert.throws(
      () => resolveContext(merged, 'c'),
      (e: KubeconfigError) => /cluster "nowhere"/.test(e.message),
    );
    assert.throws(
      () => resolveContext(mergeKubeconfigs([{ path: '/k', text: '' }])),
      (e: KubeconfigError) => e.kind === 'no-context',
    );
  });

  test('a relative exec command with a separator is taken from the kubeconfig folder', () => {
    const merged = mergeKubeconfigs([
      {
        path: '/etc/kube/config',
        text: 'users:\n- name: a\n  user: {exec: {command: ./bin/auth, apiVersion: client.authentication.k8s.io/v1}}\n- name: b\n  user: {exec: {command: gke-gcloud-auth-plugin}}\n',
      },
    ]);
    assert.equal((merged.users.get('a')?.value.exec as { command: string }).command, '/etc/kube/bin/auth');
    assert.equal(
      (merged.users.get('b')?.value.exec as { command: string }).command,
      'gke-gcloud-auth-plugin',
    );
  });
});
