// The environment for npm processes the rig starts (the code-server and Node 24 installs,
// `npm run package`). `npm start` and `npm test` run inside npm, which exports its own settings
// to every child: npm_config_* (among them npm_config_user_agent, "npm/10 node/v20…", which
// code-server's postinstall reads as the Node version), npm_lifecycle_*, npm_package_* and a few
// more. A child npm must not inherit them: it would act on the outer npm's settings and Node.
const NPM_VARIABLE = /^npm_/i;
const NPM_SET = new Set(['INIT_CWD', 'NODE', 'NODE_ENV_NPM', 'COLOR', 'EDITOR_NPM']);

/** A copy of `env` without the variables npm sets for the scripts it runs; `extra` added on top. */
export function cleanNpmEnv(env = process.env, extra = {}) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || NPM_VARIABLE.test(k) || NPM_SET.has(k)) continue;
    out[k] = v;
  }
  // npm puts node_modules/.bin folders of the outer project first on PATH: drop them too.
  if (out.PATH) {
    out.PATH = out.PATH.split(':')
      .filter((d) => !/[/\\]node_modules[/\\]\.bin$/.test(d) && !/[/\\]node-gyp-bin$/.test(d))
      .join(':');
  }
  return { ...out, ...extra };
}
