import type { Rule } from '../rule';
import { authoritySetTwice } from './authoritySetTwice';
import { corsHeaderName } from './corsHeaderName';
import { corsMaxAgeSeconds } from './corsMaxAgeSeconds';
import { corsMethod } from './corsMethod';
import { corsOrigin } from './corsOrigin';
import { delegateTopLevel } from './delegateTopLevel';
import { destinationHost } from './destinationHost';
import { destinationSubnet } from './destinationSubnet';
import { destinationSubset } from './destinationSubset';
import { directResponseBodyLarge } from './directResponseBodyLarge';
import { directResponseBodyTooLarge } from './directResponseBodyTooLarge';
import { directResponseStatus } from './directResponseStatus';
import { directResponseWithFault } from './directResponseWithFault';
import { directResponseWithRewrite } from './directResponseWithRewrite';
import { directResponseWithRoute } from './directResponseWithRoute';
import { duplicateHosts } from './duplicateHosts';
import { durationPrecision } from './durationPrecision';
import { emptyPrefixMatch } from './emptyPrefixMatch';
import { exportTo } from './exportTo';
import { faultAbortWithoutErrorType } from './faultAbortWithoutErrorType';
import { faultEmpty } from './faultEmpty';
import { faultExponentialDelay } from './faultExponentialDelay';
import { faultGrpcStatus } from './faultGrpcStatus';
import { faultHttp2Error } from './faultHttp2Error';
import { faultHttpStatus } from './faultHttpStatus';
import { faultPercentage } from './faultPercentage';
import { gatewayNames } from './gatewayNames';
import { headerMatchName } from './headerMatchName';
import { headerOperationName } from './headerOperationName';
import { headerValue } from './headerValue';
import { hostName } from './hostName';
import { ineffectiveMatch } from './ineffectiveMatch';
import { deprecatedField } from './deprecatedField';
import { invalidRegex } from './invalidRegex';
import { jwtClaimRouteWithoutGateway } from './jwtClaimRouteWithoutGateway';
import { legacyGatewayName } from './legacyGatewayName';
import { meshWildcardHost } from './meshWildcardHost';
import { mirrorPercentDeprecated } from './mirrorPercentDeprecated';
import { mirrorPercentageRange } from './mirrorPercentageRange';
import { mirrorWithMirrors } from './mirrorWithMirrors';
import { nestedDelegate } from './nestedDelegate';
import { portRange } from './portRange';
import { redirectCode } from './redirectCode';
import { redirectEmpty } from './redirectEmpty';
import { redirectScheme } from './redirectScheme';
import { redirectWithDirectResponse } from './redirectWithDirectResponse';
import { redirectWithFault } from './redirectWithFault';
import { redirectWithRewrite } from './redirectWithRewrite';
import { redirectWithRoute } from './redirectWithRoute';
import { retryAttemptsNegative } from './retryAttemptsNegative';
import { retryDisabledWithSettings } from './retryDisabledWithSettings';
import { retryOn } from './retryOn';
import { rewriteEmpty } from './rewriteEmpty';
import { rewriteUriAndRegex } from './rewriteUriAndRegex';
import { rootRouteConflict } from './rootRouteConflict';
import { routeActionRequired } from './routeActionRequired';
import { routesRequired } from './routesRequired';
import { sniHost } from './sniHost';
import { sniHostIp } from './sniHostIp';
import { sniHostNotInHosts } from './sniHostNotInHosts';
import { sourceLabels } from './sourceLabels';
import { sourceNamespace } from './sourceNamespace';
import { tcpRouteRequired } from './tcpRouteRequired';
import { tlsMatchRequired } from './tlsMatchRequired';
import { tlsRouteRequired } from './tlsRouteRequired';
import { tlsSniHostsRequired } from './tlsSniHostsRequired';
import { totalWeightZero } from './totalWeightZero';
import { unreachableRule } from './unreachableRule';
import { uriRegexRewriteIncomplete } from './uriRegexRewriteIncomplete';
import { weightNegative } from './weightNegative';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [
  routesRequired,
  delegateTopLevel,
  hostName,
  meshWildcardHost,
  duplicateHosts,
  gatewayNames,
  legacyGatewayName,
  jwtClaimRouteWithoutGateway,
  exportTo,
  rootRouteConflict,
  nestedDelegate,
  routeActionRequired,
  redirectWithRoute,
  redirectWithFault,
  redirectWithRewrite,
  redirectWithDirectResponse,
  directResponseWithRoute,
  directResponseWithFault,
  directResponseWithRewrite,
  mirrorWithMirrors,
  headerMatchName,
  emptyPrefixMatch,
  invalidRegex,
  portRange,
  sourceLabels,
  sourceNamespace,
  headerOperationName,
  headerValue,
  authoritySetTwice,
  corsOrigin,
  corsMethod,
  corsHeaderName,
  corsMaxAgeSeconds,
  faultEmpty,
  faultPercentage,
  faultGrpcStatus,
  faultHttp2Error,
  faultHttpStatus,
  faultAbortWithoutErrorType,
  faultExponentialDelay,
  mirrorPercentDeprecated,
  mirrorPercentageRange,
  redirectEmpty,
  redirectCode,
  redirectScheme,
  directResponseBodyTooLarge,
  directResponseBodyLarge,
  directResponseStatus,
  retryAttemptsNegative,
  retryDisabledWithSettings,
  retryOn,
  rewriteUriAndRegex,
  rewriteEmpty,
  uriRegexRewriteIncomplete,
  destinationHost,
  destinationSubset,
  weightNegative,
  totalWeightZero,
  durationPrecision,
  tlsMatchRequired,
  tlsSniHostsRequired,
  sniHost,
  sniHostIp,
  sniHostNotInHosts,
  destinationSubnet,
  tlsRouteRequired,
  tcpRouteRequired,
  unreachableRule,
  ineffectiveMatch,
  deprecatedField,
];
