import type { Finding, OffsetRange } from '../types';

/** At most this many findings of one check (one code) per document. */
export const MAX_PER_CHECK = 100;
/** At most this many findings per document. */
export const MAX_PER_DOCUMENT = 1000;

export const TOO_MANY_FINDINGS = 'too-many-findings';

/**
 * A finding that stands for findings a stage left out before they were even built (the parser's
 * syntax errors beyond the cap). `capFindings` folds it into its own summary.
 */
export function omittedFinding(code: string, omitted: number): Finding {
  return {
    code: TOO_MANY_FINDINGS,
    severity: 'information',
    message: '',
    range: { start: 0, end: 0 },
    data: { omitted: { [code]: omitted } },
  };
}

/**
 * Keeps the first MAX_PER_CHECK findings of each code and the first MAX_PER_DOCUMENT in all. When
 * anything was left out, one information finding says how many, and of which codes.
 */
export function capFindings(findings: readonly Finding[], summaryAt: () => OffsetRange): Finding[] {
  const perCode = new Map<string, number>();
  const omitted = new Map<string, number>();
  const kept: Finding[] = [];
  const leaveOut = (code: string, n: number): void => {
    omitted.set(code, (omitted.get(code) ?? 0) + n);
  };
  for (const f of findings) {
    if (f.code === TOO_MANY_FINDINGS) {
      const counts = (f.data?.omitted ?? {}) as Record<string, number>;
      for (const [code, n] of Object.entries(counts)) leaveOut(code, n);
      continue;
    }
    const seen = perCode.get(f.code) ?? 0;
    perCode.set(f.code, seen + 1);
    if (seen >= MAX_PER_CHECK || kept.length >= MAX_PER_DOCUMENT) leaveOut(f.code, 1);
    else kept.push(f);
  }
  if (omitted.size === 0) return kept;
  let total = 0;
  for (const n of omitted.values()) total += n;
  const which = [...omitted]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([code, n]) => `${code} ${n.toLocaleString('en-US')}`)
    .join(', ');
  kept.push({
    code: TOO_MANY_FINDINGS,
    severity: 'information',
    message: `${total.toLocaleString('en-US')} more finding${total === 1 ? ' was' : 's were'} left out (${which}${omitted.size > 5 ? ', …' : ''}): at most ${MAX_PER_CHECK} are shown per check and ${MAX_PER_DOCUMENT.toLocaleString('en-US')} per document. Fix the ones shown first.`,
    range: summaryAt(),
    data: { omitted: Object.fromEntries(omitted) },
  });
  return kept;
}
