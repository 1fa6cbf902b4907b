// Shared plumbing of the fake istioctl and kubectl (test/fakes/bin/*): argv recording, behaviour
// selection and the "hang" behaviour. Plain CommonJS so the fakes run with `node` directly.
//
// Environment:
//   ISTIO_FAKE_LOG        file that gets one JSON line per call: {tool, argv, cwd, mode, pid}
//   ISTIO_FAKE_MODE       comma-separated list of [selector:]mode, e.g. "fail", "install:hang",
//                         "kubectl:nocontext,analyze:fail". A selector is the tool name, the
//                         subcommand, or tool.subcommand. The first matching entry wins.
//   ISTIO_FAKE_MODE_FILE  file whose content (same syntax) overrides ISTIO_FAKE_MODE when it exists
//                         and is not empty, so a test can change behaviour between steps.
//   ISTIO_FAKE_CONTEXT    the kube context name (default "fake-cluster").
//   ISTIO_FAKE_VERSION    the istioctl client version (default 1.30.3; mode "old" gives 1.21.2).
'use strict';
const fs = require('node:fs');
const { spawn } = require('node:child_process');

function record(entry) {
  const file = process.env.ISTIO_FAKE_LOG;
  if (!file) return;
  fs.appendFileSync(file, JSON.stringify({ time: Date.now(), pid: process.pid, ...entry }) + '\n');
}

function modeSpec() {
  const file = process.env.ISTIO_FAKE_MODE_FILE;
  if (file) {
    try {
      const text = fs.readFileSync(file, 'utf8').trim();
      if (text) return text;
    } catch {
      /* no file: fall back to the environment */
    }
  }
  return (process.env.ISTIO_FAKE_MODE || '').trim();
}

/** The behaviour for this call: 'ok' unless ISTIO_FAKE_MODE(_FILE) says otherwise. */
function selectMode(tool, sub) {
  for (const raw of modeSpec().split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const at = entry.lastIndexOf(':');
    if (at < 0) return entry;
    const selector = entry.slice(0, at);
    if (selector === tool || selector === sub || selector === `${tool}.${sub}`) return entry.slice(at + 1);
  }
  return 'ok';
}

function context() {
  return process.env.ISTIO_FAKE_CONTEXT || 'fake-cluster';
}

/**
 * Hangs like a process waiting on a dead cluster: starts a grandchild (so that killing only the direct
 * child would leave something behind), records both pids, prints `line`, and never exits by itself.
 */
function hang(tool, line) {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  record({ tool, event: 'hang', childPid: child.pid });
  if (line) process.stdout.write(line + '\n');
  setInterval(() => {}, 1000);
}

/**
 * Splits argv into positionals and flags. `valueFlags` lists flags that take a value; `--x=y` always
 * carries its value. Repeated flags collect all values.
 */
function parseArgs(argv, valueFlags) {
  const positionals = [];
  const flags = {};
  const add = (k, v) => (flags[k] = [...(flags[k] || []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.includes('=')) {
      const eq = a.indexOf('=');
      add(a.slice(0, eq), a.slice(eq + 1));
    } else if (a.startsWith('-') && a !== '-') {
      if (valueFlags.includes(a)) add(a, argv[++i]);
      else add(a, 'true');
    } else positionals.push(a);
  }
  const get = (...names) => {
    for (const n of names) if (flags[n]) return flags[n][flags[n].length - 1];
    return undefined;
  };
  const all = (...names) => names.flatMap((n) => flags[n] || []);
  return { positionals, flags, get, all };
}

function fail(message, code = 1) {
  process.stderr.write(message + '\n');
  process.exit(code);
}

/** Writes lines one by one with a small pause, like a command reporting progress. */
function streamLines(lines, stream, done, delayMs = 15) {
  let i = 0;
  const next = () => {
    if (i >= lines.length) return done();
    stream.write(lines[i++] + '\n');
    setTimeout(next, delayMs);
  };
  next();
}

/** The `yaml` package of the project (test/fakes/lib → ../../../node_modules). */
function yaml() {
  return require('yaml');
}

module.exports = { record, selectMode, context, hang, parseArgs, fail, streamLines, yaml };
