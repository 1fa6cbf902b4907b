import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { IstioOperatorChecker } from '../../../server/src/service/features/istioOperatorCheck';
import { mentionsIstioOperator } from '../../../client/src/install/istioOperator';
import { manifestGenerateArgs } from '../../../client/src/istioctl/argv';
import { ISTIOCTL, fakeEnv } from './fakeEnv';

const SCHEMA_FILE = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'schemas',
  'install.istio.io',
  'v1alpha1',
  'IstioOperator.json',
);
const checker = new IstioOperatorChecker(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);

const GOOD = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: control-plane
  namespace: istio-system
spec:
  profile: demo
  revision: 1-30-3
  hub: docker.io/istio
  tag: 1.30.3
  meshConfig:
    accessLogFile: /dev/stdout
    anything: goes
  components:
    cni:
      enabled: true
    pilot:
      k8s:
        replicaCount: 2
        resources:
          requests:
            cpu: 500m
        overlays:
          - kind: Deployment
            name: istiod
            patches:
              - path: spec.template.spec.priorityClassName
                value: system-cluster-critical
    ingressGateways:
      - name: istio-ingressgateway
        enabled: true
        label:
          istio: ingressgateway
        k8s:
          service:
            type: LoadBalancer
  values:
    global:
      proxy:
        includeIPRanges: 10.0.0.0/8,172.16.0.0/12
        excludeInboundPorts: "15020,9090"
      whatever: true
`;

function problems(text: string): string[] {
  return checker.check(text).problems.map((p) => `${p.line + 1}: ${p.message}`);
}

describe('IstioOperator check', () => {
  test('a complete, valid file has no problems and reports its profile and revision', () => {
    const r = checker.check(GOOD);
    assert.deepEqual(r.problems, []);
    assert.equal(r.documents, 1);
    assert.equal(r.profile, 'demo');
    assert.equal(r.revision, '1-30-3');
  });

  test('unknown spec fields are rejected, with the line and the known fields', () => {
    const p = problems(GOOD.replace('  revision: 1-30-3', '  revison: 1-30-3'));
    assert.equal(p.length, 1, p.join('\n'));
    assert.match(p[0], /^8: unknown field "revison" in spec: istioctl rejects it \(known fields: .*revision/);
  });

  test('unknown fields inside components and k8s are rejected too', () => {
    const p = problems(
      GOOD.replace('        replicaCount: 2', '        replicas: 2').replace(
        '    cni:\n      enabled: true',
        '    cni:\n      enable: true',
      ),
    );
    assert.deepEqual(
      p.map((x) => x.replace(/ \(known fields.*$/, '')),
      [
        '16: unknown field "enable" in spec.components.cni: istioctl rejects it',
        '19: unknown field "replicas" in spec.components.pilot.k8s: istioctl rejects it',
      ],
    );
  });

  test('values and meshConfig take anything', () => {
    assert.deepEqual(problems(GOOD.replace('      whatever: true', '      whatever: {deep: [1, 2]}')), []);
  });

  test('field rules: revision, hub, tag, gateway name, types', () => {
    assert.match(
      problems(GOOD.replace('revision: 1-30-3', 'revision: 1.30.3')).join('\n'),
      /8: spec.revision is not valid: a revision is a DNS-1123 label/,
    );
    assert.match(
      problems(GOOD.replace('hub: docker.io/istio', 'hub: Docker.io/ISTIO')).join('\n'),
      /9: spec.hub is not valid/,
    );
    assert.match(
      problems(GOOD.replace('tag: 1.30.3', 'tag: "bad tag"')).join('\n'),
      /10: spec.tag is not valid/,
    );
    assert.deepEqual(problems(GOOD.replace('tag: 1.30.3', 'tag: 1')), [], 'a number tag is accepted');
    assert.match(
      problems(GOOD.replace('name: istio-ingressgateway', 'name: Istio_Ingress')).join('\n'),
      /spec.components.ingressGateways\[0\].name is not valid: gateway names/,
    );
    assert.match(
      problems(GOOD.replace('      enabled: true\n    pilot', '      enabled: "yes"\n    pilot')).join('\n'),
      /16: spec.components.cni.enabled must be boolean/,
    );
  });

  test('values rules that a schema cannot say: CIDR lists and port lists', () => {
    assert.match(
      problems(GOOD.replace('10.0.0.0/8,172.16.0.0/12', '10.0.0.0/8,not-a-cidr')).join('\n'),
      /includeIPRanges must be a comma-separated list of CIDRs/,
    );
    assert.match(
      problems(GOOD.replace('"15020,9090"', '"15020,http"')).join('\n'),
      /excludeInboundPorts must be a comma-separated list of port numbers/,
    );
    assert.deepEqual(problems(GOOD.replace('10.0.0.0/8,172.16.0.0/12', '"*"')), []);
  });

  test('profiles: built-in names, or a path', () => {
    assert.match(
      problems(GOOD.replace('profile: demo', 'profile: demos')).join('\n'),
      /7: profile "demos" is not a built-in profile/,
    );
    assert.deepEqual(problems(GOOD.replace('profile: demo', 'profile: /opt/istio/profiles/custom.yaml')), []);
  });

  test('one IstioOperator per file; other documents and top-level keys', () => {
    assert.match(
      problems(`${GOOD}---\n${GOOD}`).join('\n'),
      /holds 2 IstioOperator documents; istioctl takes only one per file/,
    );
    assert.match(
      problems('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n').join('\n'),
      /no IstioOperator document/,
    );
    assert.match(
      problems(`${GOOD}status:\n  ok: true\n`).join('\n'),
      /unknown field "status" in the document/,
    );
    assert.match(
      problems(GOOD.replace('install.istio.io/v1alpha1', 'install.istio.io/v1')).join('\n'),
      /apiVersion must be install.istio.io\/v1alpha1/,
    );
    assert.match(
      problems('apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec: [\n').join('\n'),
      /YAML/,
    );
  });

  test('mentionsIstioOperator is a cheap pre-check', () => {
    assert.equal(mentionsIstioOperator(GOOD), true);
    assert.equal(mentionsIstioOperator('apiVersion: v1\nkind: IstioOperatorList\n'), false);
  });
});

describe('the fake istioctl agrees on the file rules it reproduces', () => {
  const fx = fakeEnv();
  after(() => fx.cleanup());
  test('a valid file renders; an unknown spec field fails with exit code 1', () => {
    const good = path.join(fx.dir, 'good.yaml');
    const bad = path.join(fx.dir, 'bad.yaml');
    fs.writeFileSync(good, GOOD);
    fs.writeFileSync(bad, GOOD.replace('  revision: 1-30-3', '  revison: 1-30-3'));
    const ok = spawnSync(ISTIOCTL, manifestGenerateArgs({ operatorFile: good, sets: [] }), {
      env: fx.env,
      encoding: 'utf8',
    });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /name: istiod-1-30-3/);
    const ko = spawnSync(ISTIOCTL, manifestGenerateArgs({ operatorFile: bad, sets: [] }), {
      env: fx.env,
      encoding: 'utf8',
    });
    assert.equal(ko.status, 1);
    assert.match(ko.stderr, /unknown field "revison"/);
    assert.deepEqual(checker.check(fs.readFileSync(bad, 'utf8')).problems.length, 1);
  });
});
