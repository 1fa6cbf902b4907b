/** Port protocol names as Istio's protocol.Parse reads them (case-insensitive). */

export type Protocol =
  | 'HTTP'
  | 'HTTPS'
  | 'GRPC'
  | 'GRPC-WEB'
  | 'HTTP2'
  | 'HTTP_PROXY'
  | 'TCP'
  | 'TLS'
  | 'UDP'
  | 'MONGO'
  | 'REDIS'
  | 'MYSQL'
  | 'UNSUPPORTED';

export const PROTOCOLS: readonly Protocol[] = [
  'HTTP',
  'HTTPS',
  'GRPC',
  'GRPC-WEB',
  'HTTP2',
  'HTTP_PROXY',
  'TCP',
  'TLS',
  'UDP',
  'MONGO',
  'REDIS',
  'MYSQL',
];

/** The protocol a name stands for; anything unknown (including an empty name) is UNSUPPORTED. */
export function parseProtocol(name: unknown): Protocol {
  if (typeof name !== 'string') return 'UNSUPPORTED';
  const upper = name.toUpperCase() as Protocol;
  return PROTOCOLS.includes(upper) ? upper : 'UNSUPPORTED';
}

/** HTTP family: HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC-WEB. */
export const isHttp = (p: Protocol): boolean =>
  ['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-WEB'].includes(p);

/** TLS family: HTTPS, TLS. */
export const isTls = (p: Protocol): boolean => p === 'HTTPS' || p === 'TLS';

/** Protocols carried over TCP without HTTP parsing: TCP, HTTPS, TLS, MONGO, REDIS, MYSQL. */
export const isTcp = (p: Protocol): boolean => ['TCP', 'HTTPS', 'TLS', 'MONGO', 'REDIS', 'MYSQL'].includes(p);

/** Error message for a protocol name Istio does not know; an empty name is allowed when `allowEmpty`. */
export function protocolError(name: string, allowEmpty: boolean): string | undefined {
  if (name === '' && allowEmpty) return undefined;
  if (parseProtocol(name) !== 'UNSUPPORTED') return undefined;
  return `unsupported protocol "${name}": use one of ${PROTOCOLS.join(', ')}`;
}
