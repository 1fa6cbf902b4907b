// Helpers for unit tests that run the fake istioctl/kubectl (test/fakes/bin).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FAKES_BIN = path.join(__dirname, '..', '..', 'fakes', 'bin');
export const ISTIOCTL = path.join(FAKES_BIN, 'istioctl');
export const KUBECTL = path.join(FAKES_BIN, 'kubectl');

export interface FakeCall {
  tool: string;
  argv?: string[];
  event?: string;
  pid: number;
  childPid?: number;
  mode?: string;
}

/** A temporary folder with a fake log, and the environment that points the fakes at it. */
export function fakeEnv(mode = ''): {
  dir: string;
  log: string;
  env: NodeJS.ProcessEnv;
  calls(): FakeCall[];
  cleanup(): void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-fake-'));
  const log = path.join(dir, 'calls.jsonl');
  const env = { ...process.env, ISTIO_FAKE_LOG: log, ISTIO_FAKE_MODE: mode, ISTIO_FAKE_MODE_FILE: '' };
  return {
    dir,
    log,
    env,
    calls: () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as FakeCall)
        : [],
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** True while a process with this pid exists (zombies included). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `predicate` every 20 ms until it holds, failing after `ms` with `what`. */
export async function until(predicate: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
