/**
 * Helpers for the rule tests: apply a diagnostic's quick fix to a text and validate it again, and
 * run table-driven valid/invalid/fix cases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, diagnose, expectDiagnostic, expectNone, fixesOf } from '../helpers';

/** Applies fix `which` (an index or a title) of diagnostic `d` to `text`. */
export function applyFix(text: string, d: Diagnostic, which: number | string = 0): string {
  const fixes = fixesOf(d);
  const fix = typeof which === 'number' ? fixes[which] : fixes.find((f) => f.title === which);
  assert.ok(
    fix,
    `diagnostic ${String(d.code)} has no fix ${String(which)}; it has: ${JSON.stringify(fixes.map((f) => f.title))}`,
  );
  return applyEdits(text, fix.edits);
}

/**
 * Finds the one `code` diagnostic on `line`, applies its fix, validates again and checks that the
 * diagnostic is gone and that nothing new appeared. Returns the fixed text.
 */
export function expectFixResolves(
  text: string,
  code: string,
  line: number,
  which: number | string = 0,
): string {
  const before = diagnose(text);
  const target = before.filter((d) => d.code === code && d.range.start.line === line);
  assert.equal(
    target.length,
    1,
    `expected one ${code} on line ${line}, got: ${JSON.stringify(before.map((d) => [d.code, d.range.start.line, d.message]))}`,
  );
  const fixed = applyFix(text, target[0], which);
  const after = diagnose(fixed);
  const remaining = new Map<string, number>();
  for (const d of before) {
    if (d === target[0]) continue;
    const k = `${String(d.code)}|${d.message}`;
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const fresh: string[] = [];
  for (const d of after) {
    const k = `${String(d.code)}|${d.message}`;
    const n = remaining.get(k) ?? 0;
    if (n > 0) remaining.set(k, n - 1);
    else fresh.push(`${k} (line ${d.range.start.line})`);
  }
  assert.deepEqual(fresh, [], `the fix left or introduced diagnostics. Fixed text:\n${fixed}`);
  return fixed;
}

/** One rule test case (see runCases). */
export interface RuleCase {
  code: string;
  /** What the invalid case shows, for the test name. */
  what: string;
  /** A text the rule accepts; it must produce no diagnostics at all. */
  valid: string;
  /** A text the rule flags. */
  invalid: string;
  /** Zero-based line of the finding, and the text its range covers. */
  line: number;
  covers: string;
  /** Fixes (index or title) that must resolve the finding. */
  fixes?: (number | string)[];
}

/**
 * For each case: the valid text raises nothing at all, the invalid text raises the code on the
 * expected line over the expected text, and each listed fix resolves it.
 */
export function runCases(cases: RuleCase[]): void {
  for (const c of cases) {
    test(`${c.code}: accepts the valid form`, () => expectNone(diagnose(c.valid)));
    test(`${c.code}: flags ${c.what}`, () => {
      expectDiagnostic(diagnose(c.invalid), c.code, c.line, { text: c.invalid, covers: c.covers });
    });
    for (const f of c.fixes ?? []) {
      test(`${c.code}: fix ${JSON.stringify(f)} resolves ${c.what}`, () => {
        expectFixResolves(c.invalid, c.code, c.line, f);
      });
    }
  }
}

const VS_HEAD =
  'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n  namespace: prod\nspec:\n';
/** A VirtualService whose spec body starts on line 6. */
export const vs = (spec: string): string => VS_HEAD + spec;
/** The file line of the first line of a `vs()` spec body. */
export const VS = 6;

const DR_HEAD =
  'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\n  namespace: prod\nspec:\n';
/** A DestinationRule whose spec body starts on line 6. */
export const dr = (spec: string): string => DR_HEAD + spec;
/** The file line of the first line of a `dr()` spec body. */
export const DR = 6;

/** A minimal valid HTTP route body, to complete a VirtualService. */
export const ROUTE = '  http:\n  - route:\n    - destination:\n        host: reviews\n';

export { fixesOf };
