import type { Rule } from '../rule';
import { jwtRules, KIND } from './jwtRules';
import { readJwks } from './jwks';

export const invalidJwks: Rule = {
  code: 'ra-invalid-jwks',
  severity: 'error',
  kinds: [KIND],
  title: 'Inline JWKS does not parse',
  explanation: [
    '`jwtRules[].jwks` holds the token signing keys inline, as a JSON Web Key Set (`{"keys": [...]}`) or a single JSON Web Key. Istio parses it when the policy is applied and rejects the policy when it cannot ("jwks parse error").',
    '',
    'Check that the value is valid JSON, and that every key has a `kty` of RSA, EC, OKP or oct with its public members (`n`/`e` for RSA, `crv`/`x`/`y` for EC, `crv`/`x` for OKP). Or publish the keys and use `jwksUri` instead.',
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      const jwks = r.value.jwks;
      if (typeof jwks !== 'string' || jwks === '') continue;
      const { error } = readJwks(jwks);
      if (error) ctx.report([...r.path, 'jwks'], `jwtRules.jwks is not a valid JSON Web Key Set: ${error}.`);
    }
  },
};
