import type { Rule } from '../rule';
import { headerOperationError, requestSetHeaderError } from '../shared/headers';
import { headerBlocksOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, list, obj } from '../shared/values';

export const headerOperationName: Rule = {
  code: 'vs-header-operation-name',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Header that cannot be set, added or removed',
  explanation: [
    'A header manipulation (`headers.request` / `headers.response`, on the route or on a destination) names a header that Istio does not allow to change, so the VirtualService is rejected:',
    '',
    '- names cannot be empty;',
    '- pseudo-headers (starting with `:`) are reserved; the only exception is setting or adding `:authority` on the request;',
    '- `Host` may be set or added on the request (that rewrites the authority), but not removed, and not changed on the response.',
    '',
    'To change the authority, prefer `rewrite.authority`.',
  ].join('\n'),
  check(ctx) {
    for (const block of headerBlocksOf(specOf(ctx))) {
      for (const side of ['request', 'response'] as const) {
        const ops = obj(block.value[side]);
        if (!ops) continue;
        for (const op of ['set', 'add']) {
          for (const name of Object.keys(obj(ops[op]) ?? {})) {
            const err = side === 'request' ? requestSetHeaderError(name) : headerOperationError(name);
            if (err)
              ctx.report([...block.path, side, op, name], `${fieldPath([...block.path, side, op])}: ${err}.`);
          }
        }
        list(ops.remove).forEach((name, i) => {
          if (typeof name !== 'string') return;
          const err = headerOperationError(name);
          const at = [...block.path, side, 'remove', i];
          if (err) ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
        });
      }
    }
  },
};
