import type { Rule } from '../rule';
import { headerValueError } from '../shared/headers';
import { headerBlocksOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, obj } from '../shared/values';

export const headerValue: Rule = {
  code: 'vs-header-value',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Invalid header value',
  explanation: [
    'A header value set or added by `headers.request` / `headers.response` is not valid for Envoy, so Istio rejects the VirtualService. Values may not contain control characters (a tab is fine), and `%` starts a variable such as `%HOSTNAME%` or `%REQ(x-user)%`:',
    '',
    '- a literal percent sign must be written `%%` (`"100%%"`);',
    '- every `%VAR` must be closed with `%`;',
    '- arguments follow Envoy\'s syntax: `%VAR(arg)%` or `%VAR(["a","b"])%`.',
  ].join('\n'),
  check(ctx) {
    for (const block of headerBlocksOf(specOf(ctx))) {
      for (const side of ['request', 'response'] as const) {
        for (const op of ['set', 'add']) {
          const values = obj(obj(block.value[side])?.[op]);
          for (const [name, value] of Object.entries(values ?? {})) {
            if (typeof value !== 'string') continue;
            const err = headerValueError(value);
            const at = [...block.path, side, op, name];
            if (err) ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
          }
        }
      }
    }
  },
};
