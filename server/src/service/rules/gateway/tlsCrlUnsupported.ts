import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { KIND, serverTls } from './servers';

export const tlsCrlUnsupported: Rule = serverTlsRule('tls-crl-unsupported', 'gw', KIND, serverTls);
