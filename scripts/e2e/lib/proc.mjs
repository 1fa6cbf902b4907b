// Child processes for the rig: run a command to completion, start a process in its own
// process group (setsid), and stop such a group. Cleanup hooks run on exit and on signals.
import { spawn } from 'node:child_process';

/** Runs a command, inheriting stdio unless `capture` is set. Rejects on a non-zero exit. */
export function run(cmd, args, { cwd, env, capture = false, timeoutMs = 15 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: env ?? process.env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    const stopOnExit = onCleanup(() => killGroup(child.pid));
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new Error(`timed out after ${timeoutMs / 1000}s: ${cmd} ${args.join(' ')}\n${out}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      stopOnExit();
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      stopOnExit();
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${out}`));
    });
  });
}

/** Sends a signal to a whole process group (the child was started with detached: true). */
export function killGroup(pid, signal = 'SIGTERM') {
  if (!pid) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

/** Whether any process of the group is still alive. */
export function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the group, then SIGKILL whatever is left after `graceMs`. Resolves when the group is gone. */
export async function stopGroup(pid, graceMs = 5000) {
  if (!pid || !groupAlive(pid)) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
}

/**
 * Calls `fn` once when the process that started this one exits. `npm start` needs it: npm does not
 * pass a SIGTERM on to the script it runs, so `kill <npm's pid>` would leave code-server and the
 * demo cluster running with nobody to stop them. Polls `process.ppid`, which changes when this
 * process is handed to another parent; the timer does not keep the process alive.
 */
export function onParentExit(fn, intervalMs = 1000) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    fn();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

const hooks = new Set();
let installed = false;

/**
 * Registers a synchronous cleanup (e.g. killing a process group) that runs on normal exit,
 * on SIGINT/SIGTERM/SIGHUP and on an uncaught error. Returns a function that unregisters it.
 */
export function onCleanup(fn) {
  if (!installed) {
    installed = true;
    const runAll = () => {
      for (const h of [...hooks].reverse()) {
        try {
          h();
        } catch {
          /* best effort */
        }
      }
      hooks.clear();
    };
    process.on('exit', runAll);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(sig, () => {
        process.stderr.write(`\n[e2e] ${sig} received, stopping.\n`);
        runAll();
        process.exit(sig === 'SIGINT' ? 130 : 143);
      });
    }
  }
  hooks.add(fn);
  return () => hooks.delete(fn);
}
