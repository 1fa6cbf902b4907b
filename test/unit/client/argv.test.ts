import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PROFILES,
  analyzeArgs,
  applyArgs,
  formatCommandLine,
  installArgs,
  kubeInjectArgs,
  labelNamespaceArgs,
  manifestGenerateArgs,
  normalizeRevision,
  proxyConfigArgs,
  rolloutRestartArgs,
  splitSetPath,
  validateRevision,
  validateSetEntry,
} from '../../../client/src/istioctl/argv';

describe('install and manifest generate', () => {
  test('install always skips the prompt and pins the confirmed context', () => {
    assert.deepEqual(installArgs({ sets: [] }, 'kind-dev'), ['install', '-y', '--context', 'kind-dev']);
  });

  test('file, profile, revision and --set entries, in that order', () => {
    const ch = {
      operatorFile: '/w/my op.yaml',
      profile: 'demo',
      revision: 'canary',
      sets: ['meshConfig.accessLogFile=/dev/stdout', 'components.cni.enabled=true'],
    };
    assert.deepEqual(installArgs(ch, 'prod'), [
      'install',
      '-y',
      '-f',
      '/w/my op.yaml',
      '--set',
      'profile=demo',
      '--revision',
      'canary',
      '--set',
      'meshConfig.accessLogFile=/dev/stdout',
      '--set',
      'components.cni.enabled=true',
      '--context',
      'prod',
    ]);
    assert.deepEqual(manifestGenerateArgs(ch), [
      'manifest',
      'generate',
      '-f',
      '/w/my op.yaml',
      '--set',
      'profile=demo',
      '--revision',
      'canary',
      '--set',
      'meshConfig.accessLogFile=/dev/stdout',
      '--set',
      'components.cni.enabled=true',
    ]);
  });

  test('manifest generate stays offline (no --cluster-specific, no context)', () => {
    const args = manifestGenerateArgs({ profile: 'minimal', sets: [] });
    assert.deepEqual(args, ['manifest', 'generate', '--set', 'profile=minimal']);
  });

  test('the profile list has the ten built-in profiles', () => {
    assert.deepEqual(
      PROFILES.map((p) => p.name),
      [
        'default',
        'demo',
        'minimal',
        'remote',
        'empty',
        'preview',
        'ambient',
        'stable',
        'openshift',
        'openshift-ambient',
      ],
    );
  });
});

describe('other commands', () => {
  test('kube-inject adds only the configured offline files', () => {
    assert.deepEqual(kubeInjectArgs('/w/app.yaml', {}), ['kube-inject', '-f', '/w/app.yaml']);
    assert.deepEqual(
      kubeInjectArgs('/w/app.yaml', {
        injectConfigFile: '/c/inject.yaml',
        meshConfigFile: '/c/mesh.yaml',
        valuesFile: '/c/values.json',
      }),
      [
        'kube-inject',
        '-f',
        '/w/app.yaml',
        '--injectConfigFile',
        '/c/inject.yaml',
        '--meshConfigFile',
        '/c/mesh.yaml',
        '--valuesFile',
        '/c/values.json',
      ],
    );
  });

  test('analyze: files offline across namespaces; namespace and -A use the cluster', () => {
    assert.deepEqual(analyzeArgs({ kind: 'files', files: ['/w/a.yaml', '/w/b c.yaml'] }), [
      'analyze',
      '--use-kube=false',
      '-A',
      '-o',
      'json',
      '/w/a.yaml',
      '/w/b c.yaml',
    ]);
    assert.deepEqual(analyzeArgs({ kind: 'namespace', namespace: 'bookinfo' }), [
      'analyze',
      '-n',
      'bookinfo',
      '-o',
      'json',
    ]);
    assert.deepEqual(analyzeArgs({ kind: 'all' }, '/c/mesh.yaml'), [
      'analyze',
      '-A',
      '-o',
      'json',
      '--meshConfigFile',
      '/c/mesh.yaml',
    ]);
  });

  test('proxy-config asks for JSON', () => {
    assert.deepEqual(proxyConfigArgs('route', 'reviews-v1-abc.bookinfo'), [
      'proxy-config',
      'route',
      'reviews-v1-abc.bookinfo',
      '-o',
      'json',
    ]);
  });

  test('kubectl changes carry --context', () => {
    assert.deepEqual(labelNamespaceArgs('bookinfo', 'istio-injection', 'enabled', [], 'kind-dev'), [
      'label',
      'namespace',
      'bookinfo',
      'istio-injection=enabled',
      '--overwrite',
      '--context',
      'kind-dev',
    ]);
    assert.deepEqual(labelNamespaceArgs('bookinfo', 'istio.io/rev', 'canary', ['istio-injection'], 'c'), [
      'label',
      'namespace',
      'bookinfo',
      'istio.io/rev=canary',
      'istio-injection-',
      '--overwrite',
      '--context',
      'c',
    ]);
    assert.deepEqual(rolloutRestartArgs('bookinfo', 'c'), [
      'rollout',
      'restart',
      'deployment',
      '-n',
      'bookinfo',
      '--context',
      'c',
    ]);
    assert.deepEqual(applyArgs('/w/vs.yaml', 'c'), ['apply', '-f', '/w/vs.yaml', '--context', 'c']);
  });
});

describe('validateSetEntry', () => {
  const ok = [
    'profile=demo',
    'components.cni.enabled=true',
    'meshConfig.accessLogFile=/dev/stdout',
    'values.global.proxy.privileged=true',
    'components.ingressGateways.[0].enabled=false',
    'components.ingressGateways.[name:istio-ingressgateway].k8s.replicaCount=2',
    'meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE=true',
    'values.pilot.env.A\\.B=1',
    'meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY',
    'values.global.proxy.excludeIPRanges=10.0.0.0/8\\,172.16.0.0/12',
    'revision=canary',
    'tag=1.30.3',
  ];
  for (const entry of ok) test(`accepts ${entry}`, () => assert.equal(validateSetEntry(entry), undefined));

  const bad: [string, RegExp][] = [
    ['profile', /path=value/],
    ['values.x=a=b', /contains "="/],
    ['=demo', /path before "=" is empty/],
    ['spec.profile=demo', /relative to spec: write profile=demo/],
    ['meshconfig.accessLogFile=/dev/stdout', /not a field .*Did you mean "meshConfig"/],
    ['components.istiod.enabled=true', /not a component/],
    ['values..global=1', /empty segment/],
    ['components.ingressGateways.[x].enabled=true', /not a list selector/],
    ['revision=Bad_Rev', /DNS-1123/],
    ['profile=', /profile name is empty/],
    [' profile=demo', /spaces/],
    ['mesh Config.x=1', /spaces/],
  ];
  for (const [entry, why] of bad)
    test(`rejects ${JSON.stringify(entry)}`, () => assert.match(validateSetEntry(entry) ?? '', why));

  test('splits at unescaped dots only', () => {
    assert.deepEqual(splitSetPath('values.pilot.env.A\\.B'), ['values', 'pilot', 'env', 'A.B']);
  });
});

describe('revisions', () => {
  test('DNS-1123 labels only', () => {
    assert.equal(validateRevision(''), undefined);
    assert.equal(validateRevision('1-30-3'), undefined);
    assert.equal(validateRevision('canary'), undefined);
    assert.match(validateRevision('1.30.3') ?? '', /DNS-1123/);
    assert.match(validateRevision('-x') ?? '', /DNS-1123/);
    assert.match(validateRevision('a'.repeat(64)) ?? '', /63/);
  });

  test('"default" and empty mean no revision', () => {
    assert.equal(normalizeRevision('default'), undefined);
    assert.equal(normalizeRevision('  '), undefined);
    assert.equal(normalizeRevision(' canary '), 'canary');
  });
});

test('formatCommandLine quotes what a shell would split', () => {
  assert.equal(
    formatCommandLine('istioctl', ['install', '-y', '-f', '/w/my op.yaml', '--set', "x=it's"]),
    `istioctl install -y -f '/w/my op.yaml' --set 'x=it'\\''s'`,
  );
  assert.equal(
    formatCommandLine('kubectl', ['label', 'namespace', 'a', 'istio.io/rev-']),
    'kubectl label namespace a istio.io/rev-',
  );
});
