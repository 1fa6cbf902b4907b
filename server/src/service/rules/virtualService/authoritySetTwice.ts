import type { PathSegment } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { isAuthorityHeader } from '../shared/headers';
import { routesOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const authoritySetTwice: Rule = {
  code: 'vs-authority-set-multiple-times',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Authority rewritten in more than one place',
  explanation: [
    'The request authority (Host) of an HTTP route is rewritten in more than one place: `rewrite.authority`, `headers.request.set` and `headers.request.add` with `:authority` or `Host`. Istio rejects the VirtualService ("authority header cannot be set multiple times"), because only one of them could take effect.',
    '',
    'Keep a single one, preferably `rewrite.authority`.',
  ].join('\n'),
  check(ctx) {
    for (const r of routesOf(specOf(ctx), 'http')) {
      const sources: PathSegment[][] = [];
      const rw = obj(r.value.rewrite)?.authority;
      if (typeof rw === 'string' && rw !== '') sources.push([...r.path, 'rewrite', 'authority']);
      const request = obj(obj(r.value.headers)?.request);
      for (const op of ['set', 'add']) {
        for (const [name, value] of Object.entries(obj(request?.[op]) ?? {})) {
          if (isAuthorityHeader(name) && typeof value === 'string' && value !== '')
            sources.push([...r.path, 'headers', 'request', op, name]);
        }
      }
      for (const at of sources.slice(1)) {
        ctx.report(
          at,
          `${fieldPath(at)}: the authority is already set by ${fieldPath(sources[0])}; it can be rewritten in only one place.`,
          {
            related: [{ path: sources[0], message: 'the authority is first set here' }],
            fixes: [removeFieldFix(ctx, at, `Remove ${String(at[at.length - 1])}`)],
          },
        );
      }
    }
  },
};
