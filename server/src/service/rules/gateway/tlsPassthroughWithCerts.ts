import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { KIND, serverTls } from './servers';

export const tlsPassthroughWithCerts: Rule = serverTlsRule(
  'tls-passthrough-with-certs',
  'gw',
  KIND,
  serverTls,
);
