import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { jwtRules, KIND } from './jwtRules';

const filled = (v: unknown): boolean => typeof v === 'string' && v !== '';

export const issuerRequired: Rule = {
  code: 'ra-issuer-required',
  severity: 'error',
  kinds: [KIND],
  title: 'JWT rule without issuer or jwksUri',
  explanation: [
    'Each entry of `jwtRules` must say whose tokens it accepts: set `issuer` (the token\'s `iss`), or at least `jwksUri` (where the signing keys are published). Istio rejects a rule with neither, even when `jwks` is inline.',
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      const v = r.value;
      if (filled(v.issuer) || filled(v.jwksUri) || filled(v.jwks_uri)) continue;
      const at = v.issuer === '' ? [...r.path, 'issuer'] : firstKeyPath(ctx, r.path);
      ctx.report(at, 'This JWT rule needs a non-empty issuer or jwksUri.', { on: v.issuer === '' ? 'value' : 'key' });
    }
  },
};
