import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseChunk, parseChunkFully } from '../../../server/src/service/yaml/parse';
import { ROOT } from '../helpers';
import { canonicalOfJsonText, canonicalOfValue } from './canonicalJson';

const PROBES = join(ROOT, 'test', 'fixtures', 'yaml-decoding');
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** kubectl's reading of a probe: `label --local` decodes the file offline exactly as apply does. */
function kubectlReads(file: string): { ok: true; json: string } | { ok: false; error: string } {
  const r = spawnSync(KUBECTL, ['label', '--local', '-f', file, 'probe-label=x', '-o', 'json'], {
    encoding: 'utf8',
  });
  if (r.error) {
    assert.fail(
      `kubectl is needed for the YAML decoding oracle test and could not be run (${r.error.message}). ` +
        'Install kubectl (on Debian: apt-get install kubernetes-client) or set KUBECTL to its path.',
    );
  }
  return r.status === 0 ? { ok: true, json: r.stdout } : { ok: false, error: r.stderr.trim() };
}

/** Removes the label kubectl added, and `labels` itself when the probe had none. */
function withoutProbeLabel(json: string): string {
  const o = JSON.parse(json) as { metadata: { labels?: Record<string, string> } };
  const labels = o.metadata.labels ?? {};
  delete labels['probe-label'];
  if (!Object.keys(labels).length) delete o.metadata.labels;
  // Re-read the original text for the numbers: only the label (a string) was removed.
  return json
    .replace(/"probe-label":\s*"x",?/, '')
    .replace(/"labels":\s*\{\s*\},?/, '')
    .replace(/,(\s*[}\]])/g, '$1');
}

const probes = readdirSync(PROBES).filter((f) => f.endsWith('.yaml'));

test('the YAML decoding corpus holds at least 40 probes', () => {
  assert.ok(probes.length >= 40, `${probes.length} probes`);
});

// Both readers: parseChunk (the quick path where the text allows it) and the full reader alone.
const READERS = [
  ['the engine', parseChunk],
  ['the full reader', parseChunkFully],
] as const;

for (const probe of probes) {
  for (const [reader, read] of READERS)
    test(`kubectl and ${reader} read ${probe} the same way`, () => {
      const file = join(PROBES, probe);
      const oracle = kubectlReads(file);
      const parsed = read(readFileSync(file, 'utf8'));
      const errors = parsed.parseFindings.filter((f) => f.severity === 'error');
      if (!oracle.ok) {
        assert.equal(
          parsed.value,
          undefined,
          `kubectl refuses ${probe} (${oracle.error}); ${reader} built a value`,
        );
        assert.ok(
          errors.length > 0,
          `kubectl refuses ${probe} (${oracle.error}); ${reader} reports no error`,
        );
        return;
      }
      assert.deepEqual(
        errors.map((f) => f.message),
        [],
        `kubectl reads ${probe}; ${reader} reports errors`,
      );
      assert.equal(
        canonicalOfValue(parsed.value, parsed.exactInts),
        canonicalOfJsonText(withoutProbeLabel(oracle.json)),
        probe,
      );
    });
}
