import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, list, obj } from '../shared/values';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', '*'];

export const corsMethod: Rule = {
  code: 'vs-cors-method',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Unsupported CORS method',
  explanation: [
    'An entry of `corsPolicy.allowMethods` is not a supported HTTP method, so Istio rejects the VirtualService ("... is not a supported HTTP method"). The accepted values are `GET`, `HEAD`, `POST`, `PUT`, `PATCH`, `DELETE`, `CONNECT`, `OPTIONS`, `TRACE` and `*`, in upper case.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      list(obj(r.value.corsPolicy)?.allowMethods).forEach((m, i) => {
        if (typeof m !== 'string' || METHODS.includes(m)) return;
        const at = [...r.path, 'corsPolicy', 'allowMethods', i];
        const upper = m.trim().toUpperCase();
        ctx.report(
          at,
          `${fieldPath(at)}: "${m}" is not a supported HTTP method; use one of ${METHODS.join(', ')}.`,
          {
            on: 'value',
            fixes: METHODS.includes(upper) ? [ctx.fix.replaceValue(at, upper, `Use "${upper}"`)] : undefined,
          },
        );
      });
    }
  },
};
