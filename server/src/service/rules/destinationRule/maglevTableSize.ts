import type { Rule } from '../rule';
import { blocksOf, drSpecOf } from '../shared/trafficPolicies';
import { fieldPath, num, obj } from '../shared/values';

const LIMIT = 5000011;

/** Envoy's (and Istio's) primality test; note that it calls 1 prime. */
function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let f = 3; f <= limit; f += 2) if (x % f === 0) return false;
  return true;
}

function nextPrime(x: number): number {
  let n = Math.max(2, Math.ceil(x));
  while (!isPrime(n)) n++;
  return n;
}

export const maglevTableSize: Rule = {
  code: 'dr-maglev-table-size',
  severity: 'error',
  kinds: ['DestinationRule'],
  title: 'Invalid maglev tableSize',
  explanation: [
    '`consistentHash.maglev.tableSize` is the size of Envoy\'s Maglev lookup table. Istio rejects the DestinationRule unless it is set, below 5000011, and a prime number ("tableSize must be a prime number for maglev").',
    '',
    "Envoy's default is `65537`. The quick fix replaces a non-prime size with the next prime.",
  ].join('\n'),
  check(ctx) {
    for (const b of blocksOf(drSpecOf(ctx), 'loadBalancer')) {
      const maglev = obj(obj(b.value.consistentHash)?.maglev);
      if (!maglev) continue;
      const base = [...b.path, 'consistentHash', 'maglev'];
      const raw = maglev.tableSize;
      if (raw !== undefined && raw !== null && typeof raw !== 'number') continue;
      const size = num(raw) ?? 0;
      const at = raw === undefined || raw === null ? base : [...base, 'tableSize'];
      const on = at === base ? 'key' : 'value';
      if (size === 0) {
        ctx.report(
          at,
          `${fieldPath(base)}: tableSize must be set for maglev (a prime below ${LIMIT}, for example 65537).`,
          { on },
        );
        continue;
      }
      if (size >= LIMIT)
        ctx.report(at, `${fieldPath(at)}: ${size} is too large; the table size must be below ${LIMIT}.`, {
          on,
        });
      if (!Number.isInteger(size) || !isPrime(size)) {
        const next = nextPrime(size);
        ctx.report(
          at,
          `${fieldPath(at)}: ${size} is not a prime number; the maglev table size must be prime (the next prime is ${next}).`,
          {
            on,
            fixes: next < LIMIT ? [ctx.fix.replaceValue(at, String(next), `Use ${next}`)] : undefined,
          },
        );
      }
    }
  },
};
