import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { validatePort } from '../shared/ports';
import { destinationsOf, matchesOf, routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet, num, obj } from '../shared/values';

export const portRange: Rule = {
  code: 'vs-port-range',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Port number out of range',
  explanation: [
    'A port number is not in 1..65535, so Istio rejects the VirtualService. This applies to match `port` (HTTP, TLS and TCP), `redirect.port` and destination `port.number`.',
    '',
    'For match and redirect ports, leaving the field out means "any port" / "keep the port". A destination `port` that is present must have a `number` in range: remove `port` to use the service\'s only port.',
  ].join('\n'),
  check(ctx) {
    const spec = specOf(ctx);
    const check = (at: PathSegment[], n: number): void => {
      const err = validatePort(n);
      if (err) ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
    };
    for (const kind of ['http', 'tls', 'tcp'] as const) {
      for (const r of routesOf(spec, kind)) {
        for (const m of matchesOf(r)) {
          const p = num(m.value.port);
          if (p !== undefined && p !== 0) check([...m.path, 'port'], p);
        }
        const rp = num(obj(r.value.redirect)?.port);
        if (kind === 'http' && rp !== undefined && rp > 0) check([...r.path, 'redirect', 'port'], rp);
      }
    }
    for (const d of destinationsOf(spec)) {
      if (!isSet(d.value, 'port')) continue;
      const port = obj(d.value.port);
      if (!port) continue;
      const n = port.number;
      if (n === undefined || n === null) check([...d.path, 'port'], 0);
      else if (typeof n === 'number') check([...d.path, 'port', 'number'], n);
    }
  },
};
