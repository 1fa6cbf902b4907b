import type { Rule } from '../rule';
import { serverTlsRule } from '../shared/serverTls';
import { ingressTls, KIND } from './listeners';

export const tlsMissingCerts: Rule = serverTlsRule('tls-missing-certs', 'sc', KIND, ingressTls);
