import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { KIND, serverTls } from './servers';

export const tlsCipherSuiteIgnored: Rule = serverTlsRule('tls-cipher-suite-ignored', 'gw', KIND, serverTls);
