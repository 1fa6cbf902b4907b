import type { Rule } from '../rule';
import { firstKeyPath } from '../shared/anchor';
import { jwtRules, KIND } from './jwtRules';

/** Set at all: an empty string is already rejected by the CRD schema (minLength 1). */
const present = (v: unknown): boolean => v !== undefined && v !== null;

export const issuerRequired: Rule = {
  code: 'ra-issuer-required',
  severity: 'error',
  kinds: [KIND],
  title: 'JWT rule without issuer or jwksUri',
  explanation: [
    "Each entry of `jwtRules` must say whose tokens it accepts: set `issuer` (the token's `iss`), or at least `jwksUri` (where the signing keys are published). Istio rejects a rule with neither, even when `jwks` is inline.",
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      const v = r.value;
      if (present(v.issuer) || present(v.jwksUri) || present(v.jwks_uri)) continue;
      ctx.report(firstKeyPath(ctx, r.path), 'This JWT rule needs an issuer (or at least a jwksUri).');
    }
  },
};
