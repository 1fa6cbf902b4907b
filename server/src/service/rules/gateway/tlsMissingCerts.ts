import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { KIND, serverTls } from './servers';

export const tlsMissingCerts: Rule = serverTlsRule('tls-missing-certs', 'gw', KIND, serverTls);
