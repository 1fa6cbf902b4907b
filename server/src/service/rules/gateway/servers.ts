/** Walks the servers of a Gateway (not a rule itself). */
import type { PathSegment } from '../../yaml/nodes';
import { parseProtocol } from '../shared/protocols';
import { isUnixAddress } from '../shared/unixSocket';
import { isObj, list, obj, type Obj } from '../shared/values';
import type { TlsAt } from '../shared/serverTls';

export const KIND = 'Gateway';

export interface ServerAt {
  path: PathSegment[];
  value: Obj;
  port: Obj | undefined;
  tls: Obj | undefined;
}

export function servers(value: Obj): ServerAt[] {
  const out: ServerAt[] = [];
  list(obj(value.spec)?.servers).forEach((s, i) => {
    if (isObj(s)) out.push({ path: ['spec', 'servers', i], value: s, port: obj(s.port), tls: obj(s.tls) });
  });
  return out;
}

export function serverTls(value: Obj): TlsAt[] {
  return servers(value).flatMap((s) => (s.tls ? [{ path: [...s.path, 'tls'], tls: s.tls }] : []));
}

export const unixBind = (s: ServerAt): boolean =>
  typeof s.value.bind === 'string' && isUnixAddress(s.value.bind);

/** Istio checks TLS presence only when the port itself has no error (protocol, number, targetPort, name). */
export function portIsValid(s: ServerAt): boolean {
  const p = s.port;
  if (!p) return false;
  if (parseProtocol(p.protocol) === 'UNSUPPORTED') return false;
  const n = typeof p.number === 'number' ? p.number : 0;
  if ((n > 0 || !unixBind(s)) && !(Number.isInteger(n) && n >= 1 && n <= 65535)) return false;
  if (typeof p.targetPort === 'number' && p.targetPort > 0) return false;
  return typeof p.name === 'string' && p.name !== '';
}
