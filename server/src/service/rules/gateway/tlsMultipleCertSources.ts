import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { KIND, serverTls } from './servers';

export const tlsMultipleCertSources: Rule = serverTlsRule('tls-multiple-cert-sources', 'gw', KIND, serverTls);
