import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { ingressTls, KIND } from './listeners';

export const tlsCipherSuiteIgnored: Rule = serverTlsRule('tls-cipher-suite-ignored', 'sc', KIND, ingressTls);
