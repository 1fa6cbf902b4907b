/**
 * IST0151, IST0152 and IST0155, as envoyfilter.EnvoyPatchAnalyzer decides them (ANALYZERS.md:
 * relative operations need a priority; REPLACE only on HTTP_FILTER, NETWORK_FILTER, VIRTUAL_HOST;
 * a relative operation after a proxyVersion patch for the same filter name).
 */
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone } from '../../helpers';
import { runCases } from '../applyFix';

interface Patch {
  applyTo: string;
  operation: string;
  name?: string;
  proxyVersion?: string;
}

/** An EnvoyFilter; patch i starts on line 8 + 8*i (priority adds one line before them). */
const ef = (patches: Patch[], priority?: number): string =>
  `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: f
  namespace: prod
spec:
${priority === undefined ? '' : `  priority: ${priority}\n`}  configPatches:
${patches
  .map(
    (p) => `  - applyTo: ${p.applyTo}
    match:
      context: SIDECAR_INBOUND
      proxy:
        proxyVersion: '${p.proxyVersion ?? ''}'
    patch:
      operation: ${p.operation}
      value:
        name: ${p.name ?? 'envoy.lua'}
`,
  )
  .join('')}`;

/** Zero-based line of `patch.operation` of patch i (no priority line). */
const opLine = (i: number): number => 13 + 9 * i;

runCases([
  {
    code: 'IST0151',
    what: 'INSERT_BEFORE in an EnvoyFilter without priority',
    valid: ef([{ applyTo: 'HTTP_FILTER', operation: 'INSERT_BEFORE' }], 10),
    invalid: ef([{ applyTo: 'HTTP_FILTER', operation: 'INSERT_BEFORE' }]),
    line: opLine(0),
    covers: 'INSERT_BEFORE',
  },
  {
    code: 'IST0152',
    what: 'REPLACE with applyTo CLUSTER',
    valid: ef([{ applyTo: 'NETWORK_FILTER', operation: 'REPLACE' }], 10),
    invalid: ef([{ applyTo: 'CLUSTER', operation: 'REPLACE' }], 10),
    line: opLine(0) + 1,
    covers: 'REPLACE',
  },
  {
    code: 'IST0155',
    what: 'a relative operation after a proxyVersion patch for the same filter',
    valid: ef(
      [
        { applyTo: 'HTTP_FILTER', operation: 'INSERT_FIRST', proxyVersion: '^1\\.29.*' },
        { applyTo: 'HTTP_FILTER', operation: 'INSERT_AFTER' },
      ],
      5,
    ),
    invalid: ef([
      { applyTo: 'HTTP_FILTER', operation: 'INSERT_FIRST', proxyVersion: '^1\\.29.*' },
      { applyTo: 'HTTP_FILTER', operation: 'INSERT_AFTER' },
    ]),
    line: opLine(1),
    covers: 'INSERT_AFTER',
  },
]);

test('IST0151: each relative operation counts, the absolute ones do not', () => {
  const text = ef([
    { applyTo: 'HTTP_FILTER', operation: 'INSERT_AFTER' },
    { applyTo: 'VIRTUAL_HOST', operation: 'REPLACE' },
    { applyTo: 'CLUSTER', operation: 'REMOVE' },
    { applyTo: 'HTTP_FILTER', operation: 'INSERT_FIRST' },
    { applyTo: 'CLUSTER', operation: 'ADD' },
    { applyTo: 'CLUSTER', operation: 'MERGE' },
  ]);
  const d = diagnose(text);
  for (const i of [0, 1, 2]) expectDiagnostic(d, 'IST0151', opLine(i));
  expectNone(
    d.filter((x) => x.range.start.line > opLine(2)),
    'IST0151',
  );
});

test('IST0151 and IST0152 do not both fire: REPLACE on a CLUSTER is only misused, not relative', () => {
  const d = diagnose(ef([{ applyTo: 'CLUSTER', operation: 'REPLACE' }]));
  expectDiagnostic(d, 'IST0152', opLine(0));
  expectNone(d, 'IST0151');
});

test('REMOVE on route configuration is IST0154, not a relative operation', () => {
  const d = diagnose(ef([{ applyTo: 'HTTP_ROUTE', operation: 'REMOVE' }]));
  expectDiagnostic(d, 'IST0154', opLine(0));
  expectNone(d, 'IST0151', 'IST0155');
});

test('IST0155 needs the same filter name; the proxyVersion patch itself is IST0151', () => {
  const d = diagnose(
    ef([
      { applyTo: 'HTTP_FILTER', operation: 'INSERT_BEFORE', proxyVersion: '^1\\.29.*' },
      { applyTo: 'HTTP_FILTER', operation: 'INSERT_BEFORE', name: 'envoy.other' },
      { applyTo: 'HTTP_FILTER', operation: 'REPLACE' },
    ]),
  );
  expectDiagnostic(d, 'IST0151', opLine(0));
  expectDiagnostic(d, 'IST0151', opLine(1));
  expectDiagnostic(d, 'IST0155', opLine(2));
  expectNone(
    d.filter((x) => x.range.start.line !== opLine(2)),
    'IST0155',
  );
});

test('a config patch without patch ends the analysis of the later patches, as in the analyzer', () => {
  const text = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: f
  namespace: prod
spec:
  configPatches:
  - applyTo: HTTP_FILTER
  - applyTo: HTTP_FILTER
    patch:
      operation: INSERT_BEFORE
      value:
        name: envoy.lua
`;
  expectNone(diagnose(text), 'IST0151');
  // The same patch is flagged once the entry before it is gone.
  const alone = text.replace('  - applyTo: HTTP_FILTER\n  - applyTo', '  - applyTo');
  expectDiagnostic(diagnose(alone), 'IST0151', 9);
});
