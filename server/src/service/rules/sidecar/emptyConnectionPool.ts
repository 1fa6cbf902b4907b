import type { Rule } from '../rule';
import { connectionPools, KIND } from './listeners';

const set = (v: unknown): boolean => v !== undefined && v !== null;

export const emptyConnectionPool: Rule = {
  code: 'sc-empty-connection-pool',
  severity: 'error',
  kinds: [KIND],
  title: 'Connection pool without settings',
  explanation: [
    'A `connectionPool` (or `inboundConnectionPool`) must contain `http` or `tcp` settings. Istio rejects an empty one ("connection pool must have at least one field"). Add the limits you want, or remove the block.',
  ].join('\n'),
  check(ctx) {
    for (const { path, pool } of connectionPools(ctx.value)) {
      if (set(pool.http) || set(pool.tcp)) continue;
      ctx.report(path, 'This connection pool has neither http nor tcp settings.');
    }
  },
};
