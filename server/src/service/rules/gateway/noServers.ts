import type { Rule } from '../rule';
import { list, obj } from '../shared/values';
import { KIND } from './servers';

export const noServers: Rule = {
  code: 'gw-no-servers',
  severity: 'error',
  kinds: [KIND],
  title: 'Gateway without servers',
  explanation: [
    'A Gateway describes the ports its proxy listens on in `spec.servers`. Istio rejects a Gateway without any server. Add at least one, for example:',
    '',
    '```yaml',
    'servers:',
    '- port: {number: 80, name: http, protocol: HTTP}',
    '  hosts: ["example.com"]',
    '```',
  ].join('\n'),
  check(ctx) {
    const spec = obj(ctx.value.spec);
    if (list(spec?.servers).length > 0) return;
    const at = spec && spec.servers !== undefined ? ['spec', 'servers'] : ['spec'];
    ctx.report(at, 'A Gateway needs at least one entry in spec.servers.');
  },
};
