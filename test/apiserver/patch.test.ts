// The server's patch formats against the oracle: kubectl's own patching of the same object
// (`kubectl patch --local`, which needs no cluster).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../scripts/apiserver/patch.mjs';
import { kubectlPath } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'patch-oracle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Drops what a typed round trip through kubectl adds: nulls, empty maps and empty lists. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p === null || p === undefined) continue;
      if (typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      if (Array.isArray(p) && p.length === 0) continue;
      out[k] = p;
    }
    return out;
  }
  return v;
}

function oracle(obj: object, type: 'strategic' | 'merge' | 'json', patch: unknown): unknown {
  const file = join(dir, 'obj.json');
  writeFileSync(file, JSON.stringify(obj));
  const p = spawnSync(
    kubectlPath(),
    ['patch', '--local', '-f', file, '--type', type, '-p', JSON.stringify(patch), '-o', 'json'],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'none') },
    },
  );
  assert.equal(p.status, 0, p.stderr);
  return JSON.parse(p.stdout) as unknown;
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', labels: { a: '1', b: '2' } },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      metadata: { labels: { app: 'x' } },
      spec: {
        containers: [
          {
            name: 'a',
            image: 'a:1',
            args: ['one', 'two'],
            ports: [{ containerPort: 80 }, { containerPort: 81 }],
            env: [
              { name: 'X', value: '1' },
              { name: 'Y', value: '2' },
            ],
          },
          { name: 'b', image: 'b:1' },
        ],
      },
    },
  },
};
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec: {
    selector: { app: 'x' },
    ports: [
      { name: 'http', port: 80 },
      { name: 'grpc', port: 90 },
    ],
  },
};
const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', labels: { x: 'y' } },
  data: { a: '1', b: '2' },
};

const tpl = (spec: object) => ({ spec: { template: { spec } } });
const SMP_CASES: [string, object, object][] = [
  [
    'containers merge by name',
    deployment,
    tpl({
      containers: [
        { name: 'b', image: 'b:2' },
        { name: 'c', image: 'c:1' },
      ],
    }),
  ],
  ['$patch: delete removes a list item', deployment, tpl({ containers: [{ name: 'a', $patch: 'delete' }] })],
  [
    'container ports merge by containerPort',
    deployment,
    tpl({
      containers: [{ name: 'a', ports: [{ containerPort: 81, name: 'metrics' }, { containerPort: 82 }] }],
    }),
  ],
  [
    'env merges by name; a list without merge key is replaced',
    deployment,
    tpl({ containers: [{ name: 'a', args: ['three'], env: [{ name: 'Y', value: '3' }] }] }),
  ],
  ['null deletes a map key', deployment, { metadata: { labels: { a: null, c: '3' } } }],
  [
    '$setElementOrder orders the merged list',
    deployment,
    tpl({
      '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
      containers: [{ name: 'b', image: 'b:3' }],
    }),
  ],
  [
    '$retainKeys drops the other keys',
    deployment,
    { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
  ],
  [
    '$patch: replace replaces a map',
    deployment,
    { metadata: { labels: { $patch: 'replace', only: 'this' } } },
  ],
  [
    'rollout restart',
    deployment,
    {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-12-01T23:00:00Z' } },
        },
      },
    },
  ],
  [
    'service ports merge by port',
    service,
    {
      spec: {
        ports: [
          { port: 90, name: 'grpc-web' },
          { port: 100, name: 'x' },
        ],
      },
    },
  ],
];

for (const [name, obj, patch] of SMP_CASES) {
  test(`strategic merge patch as kubectl: ${name}`, () => {
    assert.deepEqual(
      prune(strategicMergePatch(structuredClone(obj), patch)),
      prune(oracle(obj, 'strategic', patch)),
    );
  });
}

test('JSON merge patch as kubectl', () => {
  const patch = { metadata: { labels: { x: null, z: 'w' } }, data: { a: null, c: '3' } };
  assert.deepEqual(
    prune(mergePatch(structuredClone(configMap), patch)),
    prune(oracle(configMap, 'merge', patch)),
  );
});

test('JSON patch as kubectl', () => {
  const ops = [
    { op: 'add', path: '/metadata/labels/new', value: 'v' },
    { op: 'remove', path: '/data/a' },
    { op: 'replace', path: '/data/b', value: 'B' },
    { op: 'copy', from: '/data/b', path: '/data/c' },
    { op: 'move', from: '/data/c', path: '/data/d' },
    { op: 'test', path: '/data/d', value: 'B' },
  ];
  assert.deepEqual(prune(jsonPatch(structuredClone(configMap), ops)), prune(oracle(configMap, 'json', ops)));
});
