import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { ingressTls, KIND } from './listeners';

export const tlsIstioMutualWithCerts: Rule = serverTlsRule(
  'tls-istio-mutual-with-certs',
  'sc',
  KIND,
  ingressTls,
);
