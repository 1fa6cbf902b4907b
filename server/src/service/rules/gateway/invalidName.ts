import type { Rule } from '../rule';
import { isDns1123Label } from '../shared/hostnames';
import { obj } from '../shared/values';
import { KIND } from './servers';

export const invalidName: Rule = {
  code: 'gw-invalid-name',
  severity: 'error',
  kinds: [KIND],
  title: 'Gateway name is not a DNS label',
  explanation: [
    'VirtualServices refer to a Gateway as `<namespace>/<name>`, so Istio requires the name to be a DNS-1123 label: letters, digits and `-`, at most 63 characters, and in particular no dots. Rename the Gateway, for example `my.gateway` → `my-gateway`, and update the `gateways` lists that refer to it.',
  ].join('\n'),
  check(ctx) {
    const name = obj(ctx.value.metadata)?.name;
    if (typeof name !== 'string' || isDns1123Label(name)) return;
    ctx.report(
      ['metadata', 'name'],
      `The Gateway name "${name}" must be a DNS label: letters, digits and '-', no dots, at most 63 characters.`,
      { on: 'value' },
    );
  },
};
