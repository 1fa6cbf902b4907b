import type { Rule } from '../rule';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet, obj } from '../shared/values';

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';

export const redirectEmpty: Rule = {
  code: 'vs-redirect-empty',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'redirect does not change anything',
  explanation: [
    '`redirect` must change at least one part of the URL: `uri`, `authority`, `scheme`, or the port (`port` or `derivePort`). Istio rejects a redirect without any of them ("redirect must specify URI, authority, scheme, or port"), since it would send clients back to the same URL.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const red = obj(r.value.redirect);
      if (!red) continue;
      if (
        nonEmpty(red.uri) ||
        nonEmpty(red.authority) ||
        nonEmpty(red.scheme) ||
        isSet(red, 'port') ||
        isSet(red, 'derivePort')
      )
        continue;
      const at = [...r.path, 'redirect'];
      ctx.report(at, `${fieldPath(at)}: a redirect must set uri, authority, scheme, port or derivePort.`);
    }
  },
};
