import type { Rule } from '../rule';
import { validateFractionalPercent } from '../shared/percent';
import { faultsOf, specOf } from '../shared/virtualServiceParts';
import { fieldPath, num, obj } from '../shared/values';

export const faultPercentage: Rule = {
  code: 'vs-fault-percentage',
  severity: 'error',
  kinds: ['VirtualService'],
  title: 'Fault percentage out of range',
  explanation: [
    '`fault.abort.percentage.value` and `fault.delay.percentage.value` give the share of requests to affect. Istio rejects the VirtualService unless the value is 0 or between 0.0001 and 100 ("percentage ... is neither 0.0, nor in range [0.0001, 100.0]").',
  ].join('\n'),
  check(ctx) {
    for (const f of faultsOf(specOf(ctx))) {
      for (const kind of ['abort', 'delay']) {
        const v = num(obj(obj(f.value[kind])?.percentage)?.value);
        if (v === undefined) continue;
        const err = validateFractionalPercent(v);
        const at = [...f.path, kind, 'percentage', 'value'];
        if (err) ctx.report(at, `${fieldPath(at)}: ${err}.`, { on: 'value' });
      }
    }
  },
};
