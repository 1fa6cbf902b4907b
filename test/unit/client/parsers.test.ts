import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import {
  injectionLabels,
  parseNamespaces,
  parsePodsWithSidecar,
  parseProxyStatus,
} from '../../../client/src/istioctl/parsers';
import { ISTIOCTL, KUBECTL, fakeEnv } from './fakeEnv';

describe('parsers', () => {
  const fx = fakeEnv();
  after(() => fx.cleanup());

  test('proxy-status table: NAME is pod.namespace, other columns by header', () => {
    const text = [
      'NAME                                    CLUSTER        ISTIOD                     VERSION     SUBSCRIBED TYPES',
      'details-v1-7d88846999-6kxtl.bookinfo    Kubernetes     istiod-7d4f9c8b5c-9hx2k    1.30.3      4 (CDS,LDS,EDS,RDS)',
      'ztunnel-abcde.istio-system              Kubernetes     istiod-7d4f9c8b5c-9hx2k    1.30.3      2 (WADS,WDS)',
      '',
    ].join('\n');
    const rows = parseProxyStatus(text);
    assert.deepEqual(
      rows.map((r) => [r.name, r.cluster, r.version]),
      [
        ['details-v1-7d88846999-6kxtl.bookinfo', 'Kubernetes', '1.30.3'],
        ['ztunnel-abcde.istio-system', 'Kubernetes', '1.30.3'],
      ],
    );
    assert.deepEqual(parseProxyStatus('Error: unable to find any Istiod instances'), []);
  });

  test('the fake proxy-status parses into its five proxies', () => {
    const rows = parseProxyStatus(
      execFileSync(ISTIOCTL, ['proxy-status'], { env: fx.env, encoding: 'utf8' }),
    );
    assert.equal(rows.length, 5);
    assert.ok(
      rows.every((r) => /^[a-z0-9-]+\.[a-z-]+$/.test(r.name)),
      JSON.stringify(rows),
    );
  });

  test('namespaces with their injection labels', () => {
    const ns = parseNamespaces(
      execFileSync(KUBECTL, ['get', 'namespaces', '-o', 'json'], { env: fx.env, encoding: 'utf8' }),
    );
    const legacy = ns.find((n) => n.name === 'legacy')!;
    assert.deepEqual(injectionLabels(legacy), ['istio-injection=enabled', 'istio.io/rev=canary']);
    assert.deepEqual(injectionLabels(ns.find((n) => n.name === 'default')!), []);
    assert.throws(() => parseNamespaces('{"kind":"Status"}'), /not a Kubernetes list/);
  });

  test('pods with an istio-proxy container', () => {
    const pods = parsePodsWithSidecar(
      execFileSync(KUBECTL, ['get', 'pods', '-A', '-o', 'json'], { env: fx.env, encoding: 'utf8' }),
    );
    assert.ok(pods.includes('reviews-v1-86896b7648-6nrm8.bookinfo'));
    assert.ok(!pods.some((p) => p.startsWith('coredns')));
  });
});
