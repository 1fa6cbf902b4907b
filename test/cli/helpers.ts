import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIX = join(ROOT, 'test', 'fixtures', 'cli');
/** Two files for the CI formats: one with a space in its name and a related location, one in a subfolder. */
export const CI_FIX = join(ROOT, 'test', 'fixtures', 'cli-ci');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/cli.js, as CI would) in `cwd`. */
export function runCli(args: string[], cwd = ROOT): Run {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, maxBuffer: 256 * 1024 * 1024 });
}
