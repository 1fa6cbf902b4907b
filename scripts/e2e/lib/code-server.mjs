// Starts code-server (VS Code 1.139 for the browser) on 127.0.0.1 in its own process group,
// with every file it writes kept inside the run folder, and stops it by its group.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { CODE_SERVER_ENTRY, NODE24_BIN } from './paths.mjs';
import { onCleanup, run, stopGroup } from './proc.mjs';
import { cleanNpmEnv } from './env.mjs';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 300,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/** Last `n` lines of a file, for error messages. */
export function tail(file, n = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * @param {object} o
 * @param {ReturnType<import('./run-dir.mjs').createRunDir>} o.run
 * @param {number} o.port
 * @param {boolean} [o.smokeTestDriver] needed for the URL payload (extensionDevelopmentPath / extensionTestsPath)
 * @param {object} [o.settings] extra user settings
 * @param {object} [o.machineSettings] machine settings (the Remote tab), e.g. machine-scoped
 *   ones such as istio.cluster.kubeconfig, which VS Code ignores in user settings of a remote
 * @param {Record<string, string>} [o.env] extra environment of code-server (and so of the
 *   extension host and the integrated terminal)
 * @param {number} [o.timeoutMs] how long to wait for /healthz
 */
export async function startCodeServer({
  run,
  port,
  smokeTestDriver = true,
  settings = {},
  machineSettings,
  env: extraEnv = {},
  timeoutMs = 60_000,
}) {
  fs.mkdirSync(path.join(run.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(run.userData, 'User', 'settings.json'),
    JSON.stringify({ ...SETTINGS, ...settings }, null, 2),
  );
  if (machineSettings) {
    fs.mkdirSync(path.join(run.userData, 'Machine'), { recursive: true });
    fs.writeFileSync(
      path.join(run.userData, 'Machine', 'settings.json'),
      JSON.stringify(machineSettings, null, 2),
    );
  }
  const args = [
    CODE_SERVER_ENTRY,
    '--config',
    '/dev/null',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    run.userData,
    '--extensions-dir',
    run.extensions,
    '--session-socket', // default: inside --user-data-dir, whose path can be too long for a socket
    path.join(run.tmp, 'cs.sock'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const logFd = fs.openSync(run.log, 'a');
  const env = { ...codeServerEnv(run), ...extraEnv };
  // detached: true == setsid(): code-server, its extension host and pty host share one new
  // process group, which stop() kills as a whole.
  const child = spawn(NODE24_BIN, args, { env, stdio: ['ignore', logFd, logFd], detached: true });
  fs.closeSync(logFd);
  const pid = child.pid;
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  const unregister = onCleanup(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(pid);
    unregister();
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      unregister();
      throw new Error(
        `code-server exited (${exited.code ?? exited.signal}) before it was ready. Log ${run.log}:\n${tail(run.log)}`,
      );
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `code-server did not answer ${url}/healthz within ${timeoutMs / 1000}s. Log ${run.log}:\n${tail(run.log)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid, url, port, stop, exited: exitPromise };
}

/** code-server's environment: every file it writes inside the run folder, Node 24 first on PATH. */
function codeServerEnv(run) {
  const env = {
    ...cleanNpmEnv(process.env),
    XDG_CONFIG_HOME: path.join(run.xdg, 'config'),
    XDG_DATA_HOME: path.join(run.xdg, 'data'),
    XDG_CACHE_HOME: path.join(run.xdg, 'cache'),
    TMPDIR: run.tmp,
  };
  // Node 24 first on PATH, so that anything code-server forks by name is the same runtime.
  env.PATH = `${path.dirname(NODE24_BIN)}:${env.PATH}`;
  delete env.PORT; // code-server reads $PORT; the port is given explicitly
  delete env.NODE_OPTIONS;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/** Installs a .vsix into the run's extensions folder, as a user does (`code-server --install-extension`). */
export async function installExtension({ run: r, vsix }) {
  await run(
    NODE24_BIN,
    [
      CODE_SERVER_ENTRY,
      '--config',
      '/dev/null',
      '--user-data-dir',
      r.userData,
      '--extensions-dir',
      r.extensions,
      '--install-extension',
      vsix,
    ],
    { cwd: r.dir, env: codeServerEnv(r), capture: true, timeoutMs: 120_000 },
  );
}

/** A vscode-remote URI for a path on the server, as the workbench payload wants it. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/**
 * The workbench URL that opens `folder`, loading the extension at `extensionDevelopmentPath`
 * (and running the tests at `extensionTestsPath`) through the `payload` query parameter.
 */
export function workbenchUrl({
  port,
  folder,
  extensionDevelopmentPath,
  extensionTestsPath,
  extensionEnvironment,
}) {
  const payload = [];
  if (extensionDevelopmentPath)
    payload.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
  const q = new URLSearchParams({ folder });
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${q.toString()}`;
}
