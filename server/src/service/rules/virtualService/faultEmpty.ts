import type { Rule } from '../rule';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, isSet } from '../shared/values';
import { removeFieldFix } from '../shared/safeEdits';

export const faultEmpty: Rule = {
  code: 'vs-fault-empty',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Fault injection without abort or delay',
  explanation: [
    '`fault` is set but has neither `abort` nor `delay`, so it would inject nothing. Istio rejects the VirtualService ("HTTP fault injection must have an abort and/or a delay").',
    '',
    'Add `abort` (for example `httpStatus: 503` with a `percentage`) and/or `delay` (`fixedDelay: 5s`), or remove `fault`.',
  ].join('\n'),
  check(ctx) {
    for (const f of faultsOf(specOf(ctx))) {
      if (isSet(f.value, 'abort') || isSet(f.value, 'delay')) continue;
      ctx.report(f.path, `${fieldPath(f.path)}: fault injection needs an abort and/or a delay.`, {
        fixes: [removeFieldFix(ctx, f.path, 'Remove fault')],
      });
    }
  },
};
