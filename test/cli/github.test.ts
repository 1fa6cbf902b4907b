import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { annotation, escapeData, escapeProperty } from '../../server/src/cli/format/github';
import type { CliResult } from '../../server/src/cli/format/result';
import { CI_FIX, FIX, runCli } from './helpers';

// GitHub's workflow-command rules (docs "Workflow commands for GitHub Actions" and @actions/core's
// command.ts): in the message, `%` -> %25, CR -> %0D, LF -> %0A; in a property value also `:` -> %3A and
// `,` -> %2C. The runner decodes them back; this decoder applies the documented table in reverse.
const unescapeProperty = (s: string): string =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
const unescapeData = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

test('the message escapes %, CR and LF, and nothing else', () => {
  assert.equal(escapeData('100% sure\r\nnext line'), '100%25 sure%0D%0Anext line');
  assert.equal(escapeData('a: b, c :: d'), 'a: b, c :: d');
  // `%` goes first, so text that already looks escaped survives the round trip.
  assert.equal(escapeData('literally %0A'), 'literally %250A');
  for (const s of ['x%0Ay', '%%', '\n\r\n', 'plain', 'key: value, other'])
    assert.equal(unescapeData(escapeData(s)), s);
});

test('a property value also escapes : and ,', () => {
  assert.equal(escapeProperty('IST0101: not found, really'), 'IST0101%3A not found%2C really');
  assert.equal(escapeProperty('dir,with:odd%name\n.yaml'), 'dir%2Cwith%3Aodd%25name%0A.yaml');
  for (const s of ['a,b:c', '%3A', 'x\ry', 'C:\\path, here']) {
    const e = escapeProperty(s);
    assert.doesNotMatch(e, /[,:\r\n]/);
    assert.equal(unescapeProperty(e), s);
  }
});

const result = (over: Partial<CliResult>): CliResult => ({
  file: '/repo/mesh/vs.yaml',
  range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } },
  severity: 'warning',
  code: 'IST0101',
  message: 'line one\nline two',
  ...over,
});

test('an annotation names file, 1-based line and columns, and title; multi-line ranges carry no columns', () => {
  assert.equal(
    annotation(result({}), '/repo', 'IST0101: Referenced resource not found'),
    '::warning file=mesh/vs.yaml,line=5,col=3,endLine=5,endColumn=10,title=IST0101%3A Referenced resource not found::line one%0Aline two',
  );
  // GitHub accepts col and endColumn only when line and endLine are equal.
  assert.equal(
    annotation(
      result({
        severity: 'hint',
        range: { start: { line: 0, character: 0 }, end: { line: 2, character: 4 } },
      }),
      '/repo',
      't',
    ),
    '::notice file=mesh/vs.yaml,line=1,endLine=3,title=t::line one%0Aline two',
  );
  assert.match(annotation(result({ severity: 'error' }), '/repo', 't'), /^::error /);
  assert.match(annotation(result({ severity: 'information' }), '/repo', 't'), /^::notice /);
  // Outside the base the path stays absolute; a comma in it is escaped.
  assert.match(
    annotation(result({ file: '/else/a,b.yaml' }), '/repo', 't'),
    /^::warning file=\/else\/a%2Cb\.yaml,line=5,/,
  );
});

test('--format github prints one annotation per finding, relative to the current folder; exit codes stay', () => {
  const r = runCli(['--format', 'github', '.'], CI_FIX);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  // Positions by hand from the fixtures: the second servers[].port.name value, and the bad enum value.
  assert.match(
    lines[0],
    /^::error file=gateway dup\.yaml,line=18,col=15,endLine=18,endColumn=19,title=gw-duplicate-port-name%3A [^,:]+::The port name "http" is already used/,
  );
  assert.match(
    lines[1],
    /^::error file=sub\/broken\.yaml,line=9,col=15,endLine=9,endColumn=27,title=invalid-enum%3A [^,:]+::'ROUND_ROBBIN' is not a valid value/,
  );
  const hint = runCli(['--format', 'github', join(FIX, 'hint-only.yml')], FIX);
  assert.equal(hint.status, 0);
  assert.match(
    hint.stdout,
    /^::notice file=hint-only\.yml,line=1,col=1,endLine=1,endColumn=29,title=unused-suppression%3A /,
  );
  assert.equal(runCli(['--format', 'github', join(FIX, 'clean.yaml')]).stdout, '');
});
