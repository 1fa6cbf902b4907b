/**
 * The fixed-seed fuzz budget of `npm test` (about 60 s), and the heap check over 2,000 edits of one
 * open file. `npm run fuzz -- --count N --seed S` runs any number (test/fuzz/run.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../shared/src/protocol';
import { exercise, mutant, mutate, newService, SEEDS } from './harness';

test(
  'fuzz: mutants of the corpus and samples break no feature (fixed seed, ~60 s)',
  { timeout: 600_000 },
  () => {
    assert.ok(SEEDS.length > 20, 'the corpus is missing');
    const logged: string[] = [];
    const service = newService((m) => logged.push(m));
    fc.assert(
      fc.property(mutant, ({ seed, ms }) => {
        exercise(service, mutate(SEEDS[seed], ms));
        assert.deepEqual(logged, [], 'the engine logged an internal error');
      }),
      { seed: 20261202, numRuns: 100_000, interruptAfterTimeLimit: 55_000, markInterruptAsFailure: false },
    );
  },
);

test(
  'fuzz: the heap after GC stays flat over 2,000 edits of one open file',
  { timeout: 600_000 },
  async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const service = newService(() => undefined);
    const base = SEEDS.filter((s) => s.includes('VirtualService')).join('---\n');
    const uri = 'file:///fuzz/soak.yaml';
    const heap = async (): Promise<number> => {
      await new Promise((r) => setImmediate(r));
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const edit = (v: number): void => {
      const lines = base.split('\n');
      const at = (v * 7919) % lines.length;
      lines[at] = `${lines[at]} # edit ${v}`;
      const file = service.snapshot(uri, v, lines.join('\n'));
      service.diagnostics(file, DEFAULT_SETTINGS);
      service.symbols(file);
    };
    for (let v = 1; v <= 200; v++) edit(v);
    const before = await heap();
    for (let v = 201; v <= 2200; v++) edit(v);
    const afterEdits = await heap();
    assert.ok(
      afterEdits < before * 1.25 + 4 * 1048576,
      `heap grew from ${(before / 1048576).toFixed(1)} MB to ${(afterEdits / 1048576).toFixed(1)} MB`,
    );
  },
);
