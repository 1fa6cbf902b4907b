import type { Rule } from '../rule';
import { list, obj } from '../shared/values';
import { actionOf, hasEntries, KIND, policyRules, TCP_SOURCE_FIELDS } from './policy';

export const denyHttpOnly: Rule = {
  code: 'ap-deny-http-only',
  severity: 'warning',
  kinds: [KIND],
  title: 'DENY rule uses only HTTP attributes',
  explanation: [
    'A rule of a DENY policy matches only on attributes that exist for HTTP requests (such as methods, paths, hosts or request principals). Plain TCP connections carry none of those attributes, and for them Istio cannot tell whether the rule matches, so it plays safe: the policy denies **all** TCP traffic to the workloads in its scope. Istio accepts the policy but warns about this.',
    '',
    'State the ports the rule is about (`to.operation.ports`), so that TCP traffic on other ports is not affected. Source fields that also exist for TCP (`principals`, `namespaces`, `serviceAccounts`, `ipBlocks`, `remoteIpBlocks` and their `not` forms) avoid the problem too.',
  ].join('\n'),
  check(ctx) {
    if (actionOf(ctx.value) !== 'DENY') return;
    for (const r of policyRules(ctx.value)) {
      const srcs = list(r.value.from)
        .map((f) => obj(obj(f)?.source))
        .filter((s) => s !== undefined);
      const ops = list(r.value.to)
        .map((t) => obj(obj(t)?.operation))
        .filter((o) => o !== undefined);
      const tcpFrom = srcs.some((s) => TCP_SOURCE_FIELDS.some((f) => hasEntries(s, f)));
      const tcpTo = ops.some((o) => hasEntries(o, 'ports') || hasEntries(o, 'notPorts'));
      if (ops.length > 0 && !tcpTo) {
        ctx.report(
          [...r.path, 'to'],
          'This DENY rule matches only HTTP attributes, so it will deny all TCP traffic in its scope. List the ports it applies to in to.operation.ports.',
        );
      } else if (srcs.length > 0 && ops.length === 0 && !tcpFrom) {
        ctx.report(
          [...r.path, 'from'],
          'This DENY rule matches only HTTP attributes, so it will deny all TCP traffic in its scope. Add to.operation.ports to limit it to the ports it is meant for.',
        );
      }
    }
  },
};
