import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { ingressTls, KIND } from './listeners';

export const tlsOldVersionWithoutCiphers: Rule = serverTlsRule(
  'tls-old-version-without-ciphers',
  'sc',
  KIND,
  ingressTls,
);
