/**
 * `npm run fuzz -- --count N --seed S`: runs N mutants; a failure is shrunk by fast-check and the
 * minimized input saved under test/fuzz/failures/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { exercise, mutant, mutate, newService, ROOT, SEEDS } from './harness';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('--count', 1000);
const seed = arg('--seed', Date.now() % 2 ** 31);
const logged: string[] = [];
const service = newService((m) => logged.push(m));
console.log(`fuzz: ${count} mutants, seed ${seed}, ${SEEDS.length} seeds`);
const t0 = Date.now();
const result = fc.check(
  fc.property(mutant, ({ seed: s, ms }) => {
    logged.length = 0;
    exercise(service, mutate(SEEDS[s], ms));
    if (logged.length) throw new Error(`the engine logged: ${logged[0]}`);
  }),
  { seed, numRuns: count },
);
if (result.failed) {
  const [{ seed: s, ms }] = result.counterexample!;
  const dir = join(ROOT, 'test', 'fuzz', 'failures');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `seed-${seed}.yaml`);
  writeFileSync(file, mutate(SEEDS[s], ms));
  writeFileSync(
    `${file}.json`,
    JSON.stringify(
      { seed, path: result.counterexamplePath, mutations: ms, error: String(result.errorInstance) },
      null,
      2,
    ),
  );
  console.error(
    `fuzz: FAILED after ${result.numRuns} runs: ${String(result.errorInstance)}\nminimized input: ${file}`,
  );
  process.exit(1);
}
console.log(`fuzz: ${result.numRuns} mutants, no failure (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
