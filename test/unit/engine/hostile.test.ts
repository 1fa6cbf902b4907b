import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/protocol';
import { diagnose, expectDiagnostic, expectNone, hoverText, completeAt, service } from '../helpers';

const RESOURCE = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews-NNN
spec:
  host: reviews
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 100
`;

test('a 10 MB file gets one information diagnostic and is not validated', () => {
  const big = RESOURCE.repeat(Math.ceil((10 * 1024 * 1024) / RESOURCE.length))
    .split('spec:')
    .join('---\nspec:');
  assert.ok(big.length >= 10 * 1024 * 1024);
  const diags = diagnose(big);
  assert.equal(diags.length, 1);
  expectDiagnostic(diags, 'file-too-large', 0);
  assert.match(diags[0].message, /maxFileSizeMB/);
});

test('a file over the limit is validated when the limit is raised', () => {
  const text = RESOURCE.replace('maxConnections', 'maxConection') + '#' + 'x'.repeat(2 * 1024 * 1024);
  const low = { validation: { ...DEFAULT_SETTINGS.validation, maxFileSizeMB: 1 } };
  expectDiagnostic(diagnose(text, low), 'file-too-large', 0);
  const raised = { validation: { ...DEFAULT_SETTINGS.validation, maxFileSizeMB: 5 } };
  expectDiagnostic(diagnose(text, raised), 'unknown-field', 9);
});

test('binary junk is refused with a clear diagnostic, and hover and completion answer', () => {
  let junk = '';
  for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 256);
  const diags = diagnose(junk);
  expectDiagnostic(diags, 'binary-content', 0);
  assert.equal(hoverText(junk.slice(0, 10) + '|' + junk.slice(10)), '');
  assert.deepEqual(completeAt(junk.slice(0, 10) + '|' + junk.slice(10)), []);
});

test('an alias bomb does not expand: one diagnostic, quickly', () => {
  const bomb = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bomb}
spec:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;
  const before = process.memoryUsage().heapUsed;
  const diags = diagnose(bomb);
  expectDiagnostic(diags, 'yaml-alias-bomb', 0);
  assert.ok(process.memoryUsage().heapUsed - before < 200 * 1024 * 1024, 'memory stays bounded');
});

test('very deep nesting is refused without a stack overflow', () => {
  const depth = 50000;
  const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: deep}
spec:
  hosts: ${'['.repeat(depth)}${']'.repeat(depth)}
`;
  expectDiagnostic(diagnose(text), 'yaml-too-deep', 0);
  assert.equal(typeof hoverText(text.replace('hosts', 'ho|sts')), 'string');
});

test('tabs used for indentation are a syntax error, and the next document is still checked', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
\tname: tabbed
---
${RESOURCE.replace('maxConnections', 'maxConection')}`;
  const diags = diagnose(text);
  assert.ok(
    diags.some((d) => d.code === 'yaml-syntax' && d.range.start.line === 3),
    JSON.stringify(diags),
  );
  expectDiagnostic(diags, 'unknown-field', 14);
});

test('an empty file and a file of comments only have no diagnostics', () => {
  expectNone(diagnose(''));
  expectNone(diagnose('# just a comment\n# another one\n'));
  expectNone(diagnose('---\n---\n'));
});

test('duplicate keys: a warning on the second key, and the document is checked with the last value', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: a
spec:
  host: a
  host: b
  trafficPolicy:
    loadBalancer:
      simple: FASTEST
`;
  const diags = diagnose(text);
  const dup = expectDiagnostic(diags, 'yaml-duplicate-key', 6);
  assert.equal(dup.severity, 2);
  assert.equal(dup.relatedInformation?.[0]?.location.range.start.line, 5);
  // The rest of the document is still checked.
  assert.ok(
    diags.some((d) => d.range.start.line === 9),
    JSON.stringify(diags),
  );
});

test('a Helm template is skipped with one information diagnostic', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ .Release.Name }}
spec:
  hosts:
  {{- range .Values.hosts }}
  - {{ . }}
  {{- end }}
  wieght: 1
`;
  const diags = diagnose(text);
  assert.equal(diags.length, 1, JSON.stringify(diags));
  assert.equal(diags[0].code, 'helm-template');
  assert.equal(diags[0].severity, 3);
});

test('the engine keeps answering after hostile input', () => {
  diagnose('\u0000\u0001\u0002');
  diagnose('a: *unknown');
  diagnose(':\n:\n- - - :');
  expectDiagnostic(diagnose(RESOURCE.replace('maxConnections', 'maxConection')), 'unknown-field', 9);
  assert.ok(service().istioVersion);
});
