/** Shared reading of a Sidecar (not a rule itself). */
import type { PathSegment } from '../../yaml/nodes';
import type { TlsAt } from '../shared/serverTls';
import { isUnixAddress } from '../shared/unixSocket';
import { isObj, list, obj, type Obj } from '../shared/values';

export const KIND = 'Sidecar';

export interface Listener {
  /** 'ingress' or 'egress'. */
  side: 'ingress' | 'egress';
  path: PathSegment[];
  value: Obj;
  index: number;
  port: Obj | undefined;
}

export const specOf = (value: Obj): Obj => obj(value.spec) ?? {};

function listeners(value: Obj, side: 'ingress' | 'egress'): Listener[] {
  const out: Listener[] = [];
  list(specOf(value)[side]).forEach((v, index) => {
    if (isObj(v)) out.push({ side, path: ['spec', side, index], value: v, index, port: obj(v.port) });
  });
  return out;
}

export const ingressOf = (value: Obj): Listener[] => listeners(value, 'ingress');
export const egressOf = (value: Obj): Listener[] => listeners(value, 'egress');
export const allListeners = (value: Obj): Listener[] => [...ingressOf(value), ...egressOf(value)];

/** The port number as Go sees it (0 when unset). */
export const portNumber = (l: Listener): number => (typeof l.port?.number === 'number' ? l.port.number : 0);

/** An egress listener on a unix socket: port number 0. */
export const isUdsEgress = (l: Listener): boolean =>
  l.side === 'egress' && l.port !== undefined && portNumber(l) === 0;

export const bindOf = (l: Listener): string => (typeof l.value.bind === 'string' ? l.value.bind : '');
export const hasUnixBind = (l: Listener): boolean => isUnixAddress(bindOf(l));

export function ingressTls(value: Obj): TlsAt[] {
  return ingressOf(value).flatMap((l) => {
    const tls = obj(l.value.tls);
    return tls ? [{ path: [...l.path, 'tls'], tls }] : [];
  });
}

/** Connection pools: each ingress listener's, and the top-level inboundConnectionPool. */
export function connectionPools(value: Obj): { path: PathSegment[]; pool: Obj }[] {
  const out: { path: PathSegment[]; pool: Obj }[] = [];
  for (const l of ingressOf(value)) {
    const pool = obj(l.value.connectionPool);
    if (pool) out.push({ path: [...l.path, 'connectionPool'], pool });
  }
  const top = obj(specOf(value).inboundConnectionPool);
  if (top) out.push({ path: ['spec', 'inboundConnectionPool'], pool: top });
  return out;
}
