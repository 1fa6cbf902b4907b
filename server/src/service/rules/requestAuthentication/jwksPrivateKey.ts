import type { Rule } from '../rule';
import { jwtRules, KIND } from './jwtRules';
import { readJwks } from './jwks';

export const jwksPrivateKey: Rule = {
  code: 'ra-jwks-private-key',
  severity: 'warning',
  kinds: [KIND],
  title: 'Inline JWKS contains secret key material',
  explanation: [
    'The inline `jwks` contains a private key (an RSA, EC or OKP key with private members such as `d`) or a symmetric `oct` key. Istio only uses public keys to verify tokens and warns about this; meanwhile the secret is stored in plain text in the cluster configuration, where anyone who can read the policy can use it to sign tokens.',
    '',
    'Keep only the public members of each key (and rotate any secret that was published this way).',
  ].join('\n'),
  check(ctx) {
    for (const r of jwtRules(ctx.value)) {
      const jwks = r.value.jwks;
      if (typeof jwks !== 'string' || jwks === '') continue;
      const { error, secret } = readJwks(jwks);
      if (error || secret.length === 0) continue;
      const which = secret.map((s) => `key ${s.index} (${s.kty})`).join(', ');
      ctx.report(
        [...r.path, 'jwks'],
        `jwtRules.jwks contains private or symmetric key material (${which}); only public keys are used to verify tokens.`,
      );
    }
  },
};
