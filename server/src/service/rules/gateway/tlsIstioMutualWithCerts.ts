import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { KIND, serverTls } from './servers';

export const tlsIstioMutualWithCerts: Rule = serverTlsRule(
  'tls-istio-mutual-with-certs',
  'gw',
  KIND,
  serverTls,
);
