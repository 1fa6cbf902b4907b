/**
 * Issue 10, security findings 1, 3, 4, 5 and 6 (finding 2, Shift Traffic, is tested with that
 * command): what an untrusted workspace cannot set, PATH lookup, bounds enforced in code, redaction.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { findOnPath } from '../../../client/src/istioctl/toolPath';
import { describeInputFiles } from '../../../client/src/istioctl/inputFiles';
import {
  LineRedactor,
  REDACTED,
  redactArgs,
  redactError,
  redactLine,
  redactText,
  redactTrace,
  redactingTraceChannel,
} from '../../../client/src/istioctl/redact';
import {
  clampSetting,
  COMMAND_TIMEOUT_SECONDS,
  INSTALL_TIMEOUT_SECONDS,
  MAX_FILE_SIZE_MB,
} from '../../../shared/src/limits';
import { normalize } from '../../../server/src/settings';

const ROOT = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: {
    configuration: { properties: Record<string, { minimum?: number; maximum?: number; scope?: string }> };
  };
};
const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
const props = manifest.contributes.configuration.properties;

describe('security 1: tracing', () => {
  test('istio.trace.server is restricted in untrusted workspaces', () => {
    assert.ok(restricted.includes('istio.trace.server'));
  });

  test('a verbose trace leaves document text out and redacts credentials', () => {
    const didOpen = JSON.stringify(
      {
        textDocument: {
          uri: 'file:///w/secret.yaml',
          languageId: 'yaml',
          version: 1,
          text: 'apiVersion: v1\nkind: Secret\nstringData:\n  password: hunter2\n',
        },
      },
      null,
      4,
    );
    const out = redactTrace(`Params: ${didOpen}`);
    assert.ok(!out.includes('hunter2'), out);
    assert.ok(!out.includes('kind: Secret'), out);
    assert.match(out, /"text": "\[\d+ characters of document text left out\]"/);
    assert.match(out, /file:\/\/\/w\/secret\.yaml/);
    const change = redactTrace('{"contentChanges":[{"range":{},"text":"token: \\"abc def\\""}]}');
    assert.ok(!change.includes('abc def'), change);
    assert.ok(!redactTrace('diagnostic: password: "x y z"').includes('y z'));
  });

  test('the trace channel passes every append through the redaction', () => {
    const lines: string[] = [];
    const channel = {
      name: 'Istio',
      append: (v: string) => lines.push(v),
      appendLine: (v: string) => lines.push(v),
    };
    const wrapped = redactingTraceChannel(channel);
    wrapped.appendLine('{"text": "password: hunter2"}');
    wrapped.append('Authorization: Bearer abc.def');
    assert.equal(wrapped.name, 'Istio');
    assert.ok(!lines.join('\n').includes('hunter2'));
    assert.ok(!lines.join('\n').includes('abc.def'));
  });
});

describe('security 3: files istioctl reads', () => {
  for (const key of [
    'istio.inject.injectConfigFile',
    'istio.inject.meshConfigFile',
    'istio.inject.valuesFile',
    'istio.analyze.meshConfigFile',
  ]) {
    test(`${key} is restricted in untrusted workspaces`, () => assert.ok(restricted.includes(key)));
  }
});

describe('security 4: relative PATH entries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'path-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bin = path.join(dir, 'node_modules', '.bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'istioctl'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'istioctl'), '#!/bin/sh\n', { mode: 0o755 });

  test('relative and empty PATH entries are ignored, absolute ones used', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.equal(findOnPath('istioctl', 'node_modules/.bin', 'linux'), undefined);
      assert.equal(findOnPath('istioctl', ':node_modules/.bin:.:', 'linux'), undefined);
      assert.equal(findOnPath('istioctl', './node_modules/.bin', 'linux'), undefined);
      assert.equal(findOnPath('istioctl', `.:${bin}`, 'linux'), path.join(bin, 'istioctl'));
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('security 5: bounds the workspace cannot lift', () => {
  test('istio.validation.maxFileSizeMB has a hard maximum, in the schema and in code, and is restricted', () => {
    assert.ok(restricted.includes('istio.validation.maxFileSizeMB'));
    assert.equal(props['istio.validation.maxFileSizeMB'].maximum, MAX_FILE_SIZE_MB.max);
    assert.equal(props['istio.validation.maxFileSizeMB'].minimum, MAX_FILE_SIZE_MB.min);
    assert.equal(normalize({ maxFileSizeMB: 1e9 }).validation.maxFileSizeMB, 50);
    assert.equal(normalize({ maxFileSizeMB: Infinity }).validation.maxFileSizeMB, 5);
    assert.equal(normalize({ maxFileSizeMB: 0 }).validation.maxFileSizeMB, 0.1);
  });

  test('the timeouts have a minimum and a maximum in the schema, enforced in code', () => {
    for (const [key, b] of [
      ['istio.commandTimeoutSeconds', COMMAND_TIMEOUT_SECONDS],
      ['istio.install.timeoutSeconds', INSTALL_TIMEOUT_SECONDS],
    ] as const) {
      assert.equal(props[key].minimum, b.min, key);
      assert.equal(props[key].maximum, b.max, key);
      assert.equal(clampSetting(0, b), b.min);
      assert.equal(clampSetting(-1, b), b.min);
      assert.equal(clampSetting(1e12, b), b.max);
      assert.equal(clampSetting('10', b), b.default);
      assert.equal(clampSetting(Number.NaN, b), b.default);
    }
    const settingsSource = fs.readFileSync(
      path.join(ROOT, 'client', 'src', 'commands', 'settings.ts'),
      'utf8',
    );
    assert.match(
      settingsSource,
      /clampSetting\(cfg\.get\('commandTimeoutSeconds'\), COMMAND_TIMEOUT_SECONDS\)/,
    );
    assert.match(
      settingsSource,
      /clampSetting\(cfg\.get\('install\.timeoutSeconds'\), INSTALL_TIMEOUT_SECONDS\)/,
    );
  });
});

describe('security 6: redaction gaps', () => {
  const leaks: [string, string, string][] = [
    ['a quoted value with spaces', 'password: "a b"', ' b'],
    ['a single-quoted value with spaces', "token: 'abc def'", 'def'],
    ['aws_secret_access_key=', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG', 'wJalrXUtnFEMI'],
    ['AWS in YAML', '  aws_secret_access_key: wJalrXUtnFEMI', 'wJalrXUtnFEMI'],
    ['a ghp_ token', 'cloning with ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 now', 'ghp_aBcDeF'],
    ['a github_pat_ token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', '11ABCDEFG'],
    [
      '--set …PASSWORD= in a command line',
      'istioctl install --set values.global.PASSWORD=hunter2',
      'hunter2',
    ],
    [
      '--set …credentials= in a command line',
      'istioctl install --set meshConfig.credentials=abc123',
      'abc123',
    ],
  ];
  for (const [name, line, secret] of leaks) {
    test(name, () => {
      const out = redactLine(line);
      assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
      assert.ok(out.includes(REDACTED), out);
    });
  }

  test('a quoted value keeps its quotes around the redaction', () => {
    assert.equal(redactLine('password: "a b"'), `password: "${REDACTED}"`);
  });

  test('--set …PASSWORD= and …credentials= in argv', () => {
    assert.deepEqual(redactArgs(['install', '--set', 'values.global.PASSWORD=hunter2']), [
      'install',
      '--set',
      `values.global.PASSWORD=${REDACTED}`,
    ]);
    assert.deepEqual(redactArgs(['--set=meshConfig.credentials=abc']), [
      `--set=meshConfig.credentials=${REDACTED}`,
    ]);
    assert.deepEqual(redactArgs(['--set', 'a=1,b.credentials=abc']).join(' ').includes('abc'), false);
  });

  test('the block after token: | is redacted, and what follows it is kept', () => {
    const text = 'data:\n  token: |\n    line-one-secret\n    line-two-secret\n\n  name: kept\nafter: 1';
    const out = redactText(text);
    assert.ok(!out.includes('line-one-secret'), out);
    assert.ok(!out.includes('line-two-secret'), out);
    assert.match(out, /name: kept/);
    assert.match(out, /after: 1/);
    const r = new LineRedactor();
    assert.equal(r.line('password: >-'), 'password: >-');
    assert.equal(r.line('  s3cr3t'), REDACTED);
    assert.equal(r.line('other: x'), 'other: x');
  });

  test('the stack trace of a command error is redacted', () => {
    const err = new Error('kubectl --token abc123 failed');
    err.stack = `Error: kubectl --token abc123 failed\n    at run (/x.js:1:1) password=hunter2`;
    const out = redactError(err);
    assert.ok(!out.includes('abc123'), out);
    assert.ok(!out.includes('hunter2'), out);
    assert.match(out, /at run/);
    const index = fs.readFileSync(path.join(ROOT, 'client', 'src', 'commands', 'index.ts'), 'utf8');
    assert.match(index, /redactError\(err\)/);
  });

  test('ordinary lines stay as they were', () => {
    for (const line of [
      'credentialName: bookinfo-gateway-cert',
      'secretName: istio-ca-secret',
      'name: "a b"',
    ]) {
      assert.equal(redactLine(line), line);
    }
  });
});

describe('security 3: the output names the files used', () => {
  test('each file a setting chose is named with its setting', () => {
    assert.deepEqual(
      describeInputFiles('kube-inject', {
        'istio.inject.injectConfigFile': '/w/inject.yaml',
        'istio.inject.meshConfigFile': undefined,
        'istio.inject.valuesFile': '/w/values.json',
      }),
      [
        "kube-inject: reading /w/inject.yaml (from istio.inject.injectConfigFile), not the cluster's copy.",
        "kube-inject: reading /w/values.json (from istio.inject.valuesFile), not the cluster's copy.",
      ],
    );
    for (const f of ['injectSidecar.ts', 'analyze.ts']) {
      const src = fs.readFileSync(path.join(ROOT, 'client', 'src', 'commands', f), 'utf8');
      assert.match(src, /describeInputFiles\(/, f);
    }
  });
});
