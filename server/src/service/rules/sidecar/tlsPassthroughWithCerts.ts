import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { ingressTls, KIND } from './listeners';

export const tlsPassthroughWithCerts: Rule = serverTlsRule(
  'tls-passthrough-with-certs',
  'sc',
  KIND,
  ingressTls,
);
