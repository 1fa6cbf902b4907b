#!/usr/bin/env node
// node scripts/apiserver/main.mjs [--seed DIR] --dir RUNDIR [--name CONTEXT] [--no-crds] [--verbose]
// Starts the test API server on 127.0.0.1 (a free port), writes RUNDIR/kubeconfig and
// RUNDIR/control.json, prints the URL, and stops on SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { startApiServer } from './index.mjs';

function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error(
    'usage: node scripts/apiserver/main.mjs [--seed DIR] --dir RUNDIR [--name CONTEXT] [--no-crds] [--verbose]',
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const opts = { crds: true };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
  if (a === '--seed') opts.seedDir = resolve(value());
  else if (a === '--dir') opts.runDir = resolve(value());
  else if (a === '--name') opts.name = value();
  else if (a === '--no-crds') opts.crds = false;
  else if (a === '--verbose') opts.log = (line) => console.error(line);
  else if (a === '--help' || a === '-h') usage();
  else usage(`unknown argument ${a}`);
}
if (!opts.runDir) usage('--dir RUNDIR is required (the kubeconfig is written there)');

try {
  const server = await startApiServer(opts);
  console.log(server.url);
  console.log(`kubeconfig: ${server.kubeconfigPath}`);
  console.log(`control: ${server.controlPath}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exit(1);
}
