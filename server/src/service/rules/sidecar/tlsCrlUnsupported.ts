import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { ingressTls, KIND } from './listeners';

export const tlsCrlUnsupported: Rule = serverTlsRule('tls-crl-unsupported', 'sc', KIND, ingressTls);
