import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../shared/src/protocol';
import { analyzeWorkspace } from '../../server/src/service/workspace/analyze';
import { ROOT, service } from './helpers';

const CORPUS = join(ROOT, 'test', 'fixtures', 'workspaces');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

interface Expected {
  file: string;
  line: number;
  code: string;
  severity: string;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

const key = (e: Expected): string => `${e.file}:${e.line} ${e.code} ${e.severity}`;

for (const scenario of readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory())) {
  test(`workspace corpus: ${scenario}`, () => {
    const dir = join(CORPUS, scenario);
    const files = yamlFiles(dir).map((path) => ({
      path,
      uri: pathToFileURL(path).toString(),
      text: readFileSync(path, 'utf8'),
    }));
    const s = service();
    const result = analyzeWorkspace(s, files, DEFAULT_SETTINGS);
    for (const f of files) {
      s.workspace.remove(f.uri);
      s.close(f.uri);
    }
    const actual = files.flatMap((f) =>
      (result.get(f.uri) ?? []).map((d) => ({
        file: relative(dir, f.path).split(sep).join('/'),
        line: d.range.start.line,
        code: String(d.code),
        severity: SEVERITY[d.severity ?? 1],
        message: d.message,
      })),
    );
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[];
    assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), JSON.stringify(actual, null, 1));
  });
}
