// A fresh folder per run under .artifacts/, holding everything the run writes: code-server's
// user data, extensions, config and TMPDIR, the browser profile, logs and screenshots.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS_DIR } from './paths.mjs';
import { onCleanup } from './proc.mjs';

const KEEP_RUNS = 10;

/** Removes all but the newest KEEP_RUNS folders of one kind, so that .artifacts/ does not grow forever. */
function prune(kind) {
  const mine = fs
    .readdirSync(ARTIFACTS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(`${kind}-`))
    .map((d) => d.name)
    .sort();
  for (const name of mine.slice(0, Math.max(0, mine.length - KEEP_RUNS))) {
    fs.rmSync(path.join(ARTIFACTS_DIR, name), { recursive: true, force: true });
  }
}

export function createRunDir(kind) {
  prune(kind);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const dir = fs.mkdtempSync(path.join(ARTIFACTS_DIR, `${kind}-${stamp}-`));
  const sub = (name) => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  // TMPDIR holds Unix sockets (Chromium's SingletonSocket, VS Code's IPC handles, code-server's
  // session socket), whose paths must stay under 108 bytes: a run folder inside a deeply nested
  // clone is too long for that. So TMPDIR is a short folder in /tmp, linked from the run folder
  // and removed when the run ends.
  const tmp = fs.mkdtempSync(path.join(fs.existsSync('/tmp') ? '/tmp' : os.tmpdir(), 'istio-e2e-'));
  fs.symlinkSync(tmp, path.join(dir, 'tmp'));
  onCleanup(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'tmp'), { force: true });
  });
  return {
    dir,
    userData: sub('user-data'),
    extensions: sub('extensions'),
    tmp,
    xdg: sub('xdg'),
    browserProfile: sub('browser-profile'),
    screenshots: sub('screenshots'),
    workspace: sub('workspace'),
    log: path.join(dir, 'code-server.log'),
  };
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
