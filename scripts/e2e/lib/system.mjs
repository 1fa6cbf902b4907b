// Debian packages the rig needs, installed with apt-get when that is possible (root and apt-get
// present), with one line saying what and why. Otherwise the exact command is printed and the run
// stops (exit code 1). The decision is pure (planSystemPackages) so that it can be unit-tested.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CHROMIUM } from './paths.mjs';

/** What each need is for, and how to tell it is there. */
export const NEEDS = {
  build: [
    {
      pkg: 'libkrb5-dev',
      why: "krb5.h for code-server's native kerberos module",
      probe: 'file:/usr/include/krb5.h',
    },
    { pkg: 'pkg-config', why: 'code-server builds its native modules with it', probe: 'command:pkg-config' },
  ],
  browser: [{ pkg: 'chromium', why: 'the browser the UI and integration tests drive', probe: 'chromium' }],
};

function onPath(cmd, env) {
  return (env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, cmd)));
}

/** Probes this machine: which of `needs` are missing, whether we are root, whether apt-get exists. */
export function probeMachine(needs, env = process.env) {
  const missing = [];
  for (const n of needs.flatMap((k) => NEEDS[k])) {
    const ok =
      n.probe === 'chromium'
        ? fs.existsSync(CHROMIUM)
        : n.probe.startsWith('file:')
          ? fs.existsSync(n.probe.slice(5))
          : onPath(n.probe.slice(8), env);
    if (!ok) missing.push(n);
  }
  return {
    missing,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: onPath('apt-get', env),
  };
}

/**
 * What to do about missing packages:
 *   { action: 'none' }                                  nothing is missing
 *   { action: 'install', packages, line, argv }         root with apt-get: install them
 *   { action: 'instruct', packages, message }           otherwise: say the command, stop
 */
export function planSystemPackages({ missing, isRoot, hasApt }) {
  if (!missing.length) return { action: 'none', packages: [] };
  const packages = [...new Set(missing.map((m) => m.pkg))];
  const why = missing.map((m) => `${m.pkg}: ${m.why}`).join('; ');
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
  if (isRoot && hasApt) {
    return {
      action: 'install',
      packages,
      line: `installing ${packages.join(', ')} with apt-get (${why})`,
      argv: [['apt-get', 'update'], install],
    };
  }
  const sudo = isRoot ? '' : 'sudo ';
  return {
    action: 'instruct',
    packages,
    message:
      `missing Debian package(s) ${packages.join(', ')} (${why}).\n` +
      (hasApt
        ? `Install them with:\n  ${sudo}apt-get update && ${sudo}${install.join(' ')}\nthen run this again.`
        : `This machine has no apt-get: install the equivalent of ${packages.join(', ')} with its package manager, then run this again.`),
  };
}

export class MissingPackagesError extends Error {}

/** Installs what `needs` lack (root + apt-get), or throws MissingPackagesError with the command to run. */
export function ensureSystemPackages(needs, log) {
  const plan = planSystemPackages(probeMachine(needs));
  if (plan.action === 'none') return;
  if (plan.action === 'instruct') throw new MissingPackagesError(plan.message);
  log(plan.line);
  for (const [cmd, ...args] of plan.argv) {
    const r = spawnSync(cmd, [...args, '-qq'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0)
      throw new MissingPackagesError(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  }
  const still = probeMachine(needs).missing;
  if (still.length)
    throw new MissingPackagesError(`still missing after apt-get: ${still.map((m) => m.pkg).join(', ')}`);
}
