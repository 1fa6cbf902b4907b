import type { Rule } from '../rule';
import { duplicatePortName } from './duplicatePortName';
import { emptyPortName } from './emptyPortName';
import { httpsRedirectNonHttp } from './httpsRedirectNonHttp';
import { invalidBind } from './invalidBind';
import { invalidHost } from './invalidHost';
import { invalidName } from './invalidName';
import { invalidPortNumber } from './invalidPortNumber';
import { noHosts } from './noHosts';
import { noServers } from './noServers';
import { targetPort } from './targetPort';
import { tlsCipherSuiteIgnored } from './tlsCipherSuiteIgnored';
import { tlsCrlUnsupported } from './tlsCrlUnsupported';
import { tlsIstioMutualWithCerts } from './tlsIstioMutualWithCerts';
import { tlsMissingCerts } from './tlsMissingCerts';
import { tlsMultipleCertSources } from './tlsMultipleCertSources';
import { tlsNotAllowed } from './tlsNotAllowed';
import { tlsOldVersionWithoutCiphers } from './tlsOldVersionWithoutCiphers';
import { tlsPassthroughWithCerts } from './tlsPassthroughWithCerts';
import { tlsRequired } from './tlsRequired';
import { unsupportedProtocol } from './unsupportedProtocol';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [
  invalidName,
  noServers,
  noHosts,
  invalidHost,
  unsupportedProtocol,
  invalidPortNumber,
  targetPort,
  emptyPortName,
  duplicatePortName,
  invalidBind,
  tlsRequired,
  tlsNotAllowed,
  httpsRedirectNonHttp,
  tlsOldVersionWithoutCiphers,
  tlsCipherSuiteIgnored,
  tlsIstioMutualWithCerts,
  tlsPassthroughWithCerts,
  tlsMultipleCertSources,
  tlsMissingCerts,
  tlsCrlUnsupported,
];
