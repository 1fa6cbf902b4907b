import type { Rule } from '../rule';
import type { PathSegment } from '../../yaml/nodes';
import { bindOf, egressOf, ingressOf, isUdsEgress, KIND, type Listener } from './listeners';

export const duplicatePort: Rule = {
  code: 'sc-duplicate-port',
  severity: 'error',
  kinds: [KIND],
  title: 'Two listeners on the same port or socket',
  explanation: [
    'Within `ingress`, and within `egress`, each listener needs its own port number ("ports on IP bound listeners must be unique"); egress listeners on Unix sockets need distinct `bind` paths. Istio rejects repeats.',
  ].join('\n'),
  check(ctx) {
    const check = (listeners: Listener[]): void => {
      const seen = new Map<string, PathSegment[]>();
      for (const l of listeners) {
        if (!l.port) continue;
        const uds = isUdsEgress(l);
        const key = uds
          ? `uds:${bindOf(l)}`
          : `port:${typeof l.port.number === 'number' ? l.port.number : 0}`;
        const here = uds ? [...l.path, 'bind'] : [...l.path, 'port', 'number'];
        const first = seen.get(key);
        if (!first) {
          seen.set(key, here);
          continue;
        }
        const what = uds
          ? `the unix socket ${bindOf(l) || '(empty bind)'}`
          : `port ${typeof l.port.number === 'number' ? l.port.number : 0}`;
        ctx.report(
          here,
          `${l.side}[${l.index}] uses ${what} again; each ${l.side} listener needs its own ${uds ? 'socket' : 'port'}.`,
          {
            on: 'value',
            related: [{ path: first, message: 'first used here', on: 'value' }],
          },
        );
      }
    };
    check(ingressOf(ctx.value));
    check(egressOf(ctx.value));
  },
};
