import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { KIND, serverTls } from './servers';

export const tlsOldVersionWithoutCiphers: Rule = serverTlsRule(
  'tls-old-version-without-ciphers',
  'gw',
  KIND,
  serverTls,
);
