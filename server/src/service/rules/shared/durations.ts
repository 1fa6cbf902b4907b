/**
 * Durations as Istio reads them: Go's time.ParseDuration syntax ("300ms", "1.5s", "1h2m"), which is
 * what the webhook's JSON decoder and the CRDs' CEL `duration()` both accept, and agent.ValidateDuration.
 */

const MS = 1_000_000n;
const MAX = (1n << 63n) - 1n;

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n,
  '\u03bcs': 1_000n,
  ms: MS,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Parses a Go duration string into nanoseconds. Undefined when Go would reject it. */
export function parseGoDuration(input: string): bigint | undefined {
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return undefined;
    const int = /^[0-9]*/.exec(s)![0];
    s = s.slice(int.length);
    let frac = '';
    if (s[0] === '.') {
      frac = /^[0-9]*/.exec(s.slice(1))![0];
      s = s.slice(1 + frac.length);
    }
    if (int === '' && frac === '') return undefined;
    const unitText = /^[^0-9.]*/.exec(s)![0];
    if (unitText === '') return undefined;
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) return undefined;
    const v = int === '' ? 0n : BigInt(int);
    if (v > (1n << 63n) / unit) return undefined;
    let part = v * unit;
    if (frac !== '') {
      // Go accumulates the fraction in a uint64 and scales it with float64 arithmetic.
      let f = 0n;
      let scale = 1;
      let overflow = false;
      for (const ch of frac) {
        if (overflow) continue;
        const next = f * 10n + BigInt(ch);
        if (next > MAX) {
          overflow = true;
          continue;
        }
        f = next;
        scale *= 10;
      }
      part += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (part > 1n << 63n) return undefined;
    }
    total += part;
    if (total > 1n << 63n) return undefined;
  }
  if (neg) return -total;
  if (total > MAX) return undefined;
  return total;
}

/** agent.ValidateDuration: at least 1ms and a whole number of milliseconds. */
export function checkDuration(ns: bigint): 'too-small' | 'precision' | undefined {
  if (ns < MS) return 'too-small';
  if (ns % MS !== 0n) return 'precision';
  return undefined;
}

/** Writes a whole number of milliseconds the short way: "2s", "1500ms". */
export function formatMillis(ms: bigint): string {
  if (ms !== 0n && ms % 3_600_000n === 0n) return `${ms / 3_600_000n}h`;
  if (ms !== 0n && ms % 60_000n === 0n) return `${ms / 60_000n}m`;
  if (ms % 1000n === 0n) return `${ms / 1000n}s`;
  return `${ms}ms`;
}

/** The value rounded to the nearest whole millisecond, never below 1ms. */
export function roundToMillis(ns: bigint): string {
  let ms = (ns + MS / 2n) / MS;
  if (ms < 1n) ms = 1n;
  return formatMillis(ms);
}

/** The value rounded to the nearest whole second, never below 1s. */
export function roundToSeconds(ns: bigint): string {
  let secs = (ns + 500_000_000n) / 1_000_000_000n;
  if (secs < 1n) secs = 1n;
  return formatMillis(secs * 1000n);
}

/**
 * A replacement for a duration Go cannot parse, when the intent is clear: a bare number means
 * seconds ("1" → "1s").
 */
export function suggestDuration(text: string): string | undefined {
  const t = text.trim();
  if (/^[0-9]+(\.[0-9]+)?$/.test(t)) return `${t}s`;
  return undefined;
}

/**
 * Duration checks as a message: undefined when the value is fine. `what` names the field.
 * Used by rules for fields whose ≥1ms bound is not already enforced by a CEL rule.
 */
export function durationError(value: string, what: string): string | undefined {
  const ns = parseGoDuration(value);
  if (ns === undefined) {
    return `${what} is not a valid duration: "${value}". Write a number with a unit, for example "10s", "500ms" or "1m".`;
  }
  const problem = checkDuration(ns);
  if (problem === 'too-small') return `${what} must be at least 1ms (it is "${value}").`;
  if (problem === 'precision') {
    return `${what} must be a whole number of milliseconds; Istio only supports durations to ms precision (it is "${value}").`;
  }
  return undefined;
}
