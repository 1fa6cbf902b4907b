import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LineRedactor,
  REDACTED,
  redactArgs,
  redactLine,
  redactText,
} from '../../../client/src/istioctl/redact';

describe('redactLine', () => {
  const cases: [string, string, string][] = [
    ['bearer header', 'Authorization: Bearer abc.def-123', 'abc.def-123'],
    ['lower-case bearer', 'using bearer s3cr3tT0ken for the request', 's3cr3tT0ken'],
    ['yaml token', '    token: eyJhbGciOiJSUzI1NiJ9xyz', 'eyJhbGci'],
    ['json token', '{"token": "abcd1234", "user": "x"}', 'abcd1234'],
    ['password=', 'connecting with password=hunter2 now', 'hunter2'],
    ['client-key-data', '    client-key-data: LS0tLS1CRUdJTiBSU0E=', 'LS0tLS1CRUdJTiBSU0E='],
    ['--token flag', 'kubectl --token abc123 get pods', 'abc123'],
    ['--token= flag', 'kubectl --token=abc123 get pods', 'abc123'],
    [
      'JWT anywhere',
      'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM',
      'SflKxwRJSMeKKF2QT4fwpM',
    ],
    ['URL password', 'pulling from https://robot:Sup3rSecret@registry.example.com/istio', 'Sup3rSecret'],
    ['api key', 'api_key: 0123456789abcdef', '0123456789abcdef'],
  ];
  for (const [name, line, secret] of cases) {
    test(name, () => {
      const out = redactLine(line);
      assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
      assert.ok(out.includes(REDACTED), out);
    });
  }

  test('leaves ordinary lines alone', () => {
    for (const line of [
      '✔ Istio core installed ⛵️',
      'credentialName: bookinfo-gateway-cert',
      'Error [IST0101] (VirtualService default/reviews vs.yaml:11) Referenced host+subset in destinationrule not found: "reviews+v3"',
      'values.global.jwtPolicy=third-party-jwt',
      'secretName: istio-ca-secret',
    ]) {
      assert.equal(redactLine(line), line);
    }
  });

  test('keeps harmless placeholder values', () => {
    assert.equal(redactLine('token: null'), 'token: null');
    assert.equal(redactLine('password: "[redacted]"'), 'password: "[redacted]"');
  });
});

describe('PEM private keys', () => {
  test('the body of a multi-line key is redacted line by line', () => {
    const r = new LineRedactor();
    const lines = [
      'key:',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEA7',
      'abcdefgh',
      '-----END RSA PRIVATE KEY-----',
      'after: 1',
    ];
    const out = lines.map((l) => r.line(l));
    assert.equal(out[0], 'key:');
    assert.ok(!out.join('\n').includes('MIIEowIBAAKCAQEA7'));
    assert.ok(!out.join('\n').includes('abcdefgh'));
    assert.equal(out[5], 'after: 1');
  });

  test('redactText handles a key on one line', () => {
    const t = redactText('x -----BEGIN PRIVATE KEY-----MIIBVQ-----END PRIVATE KEY----- y');
    assert.equal(t, `x ${REDACTED} y`);
  });
});

describe('redactArgs', () => {
  test('hides values of credential flags, in both forms', () => {
    assert.deepEqual(redactArgs(['get', 'pods', '--token', 'abc', '--password=p4ss']), [
      'get',
      'pods',
      '--token',
      REDACTED,
      `--password=${REDACTED}`,
    ]);
  });

  test('hides --set values whose key names a credential', () => {
    assert.deepEqual(
      redactArgs(['install', '--set', 'values.pilot.env.AUTH_TOKEN=s3cret', '--set', 'profile=demo']),
      ['install', '--set', `values.pilot.env.AUTH_TOKEN=${REDACTED}`, '--set', 'profile=demo'],
    );
    assert.deepEqual(redactArgs(['-s', 'values.global.remotePassword=x']), [
      '-s',
      `values.global.remotePassword=${REDACTED}`,
    ]);
  });

  test('leaves ordinary arguments unchanged', () => {
    const args = [
      'install',
      '-y',
      '-f',
      '/tmp/my op.yaml',
      '--set',
      'components.cni.enabled=true',
      '--context',
      'kind-dev',
    ];
    assert.deepEqual(redactArgs(args), args);
  });
});
