import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { ingressTls, KIND } from './listeners';

export const tlsMultipleCertSources: Rule = serverTlsRule(
  'tls-multiple-cert-sources',
  'sc',
  KIND,
  ingressTls,
);
