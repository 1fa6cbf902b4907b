/**
 * Weight arithmetic for shifting traffic between the destinations of a route. Pure; no `vscode` import.
 */

/** Splits offered for two destinations (first destination / second destination). */
export const PRESETS: readonly (readonly [number, number])[] = [
  [90, 10],
  [75, 25],
  [50, 50],
  [25, 75],
  [10, 90],
  [0, 100],
];

/** `90/10`. */
export function formatSplit(weights: readonly number[]): string {
  return weights.join('/');
}

/**
 * Reads a custom split. For two destinations one number is the first destination's share ("30" →
 * 30/70); otherwise one whole number per destination, separated by commas or slashes, adding up to 100.
 * Returns the weights, or an error message.
 */
export function parseCustomWeights(input: string, n: number): number[] | string {
  const text = input.trim();
  if (!text)
    return n === 2
      ? "Enter the first destination's share (0-100), or both shares like 30,70."
      : `Enter ${n} whole numbers separated by commas, adding up to 100.`;
  const parts = text.split(/\s*[,/]\s*|\s+/).filter((p) => p !== '');
  if (!parts.every((p) => /^\d+$/.test(p))) return 'Use whole numbers from 0 to 100.';
  const nums = parts.map(Number);
  if (n === 2 && nums.length === 1) {
    if (nums[0] > 100) return 'A share is at most 100.';
    return [nums[0], 100 - nums[0]];
  }
  if (nums.length !== n)
    return `This route has ${n} destinations: enter ${n} numbers (you entered ${nums.length}).`;
  if (nums.some((x) => x > 100)) return 'A share is at most 100.';
  const sum = nums.reduce((a, b) => a + b, 0);
  if (sum !== 100) return `The shares add up to ${sum}; they must add up to 100.`;
  return nums;
}

/**
 * Splits `total` into whole numbers proportional to `shares` (largest remainder), so the result always
 * adds up to `total`. All-zero shares split evenly.
 */
export function distribute(total: number, shares: readonly number[]): number[] {
  if (!shares.length) return [];
  const sum = shares.reduce((a, b) => a + b, 0);
  const basis = sum > 0 ? shares : shares.map(() => 1);
  const basisSum = sum > 0 ? sum : shares.length;
  const exact = basis.map((s) => (total * s) / basisSum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e - Math.floor(e) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/**
 * Gives destination `target` the share `targetWeight` and splits the rest among the others in
 * proportion to their current weights.
 */
export function shiftTowards(weights: readonly number[], target: number, targetWeight: number): number[] {
  const t = Math.max(0, Math.min(100, Math.round(targetWeight)));
  const others = weights.map((w, i) => (i === target ? 0 : w));
  const indices = weights.map((_, i) => i).filter((i) => i !== target);
  const rest = distribute(
    100 - t,
    indices.map((i) => others[i]),
  );
  const out = new Array<number>(weights.length).fill(0);
  out[target] = t;
  indices.forEach((i, k) => (out[i] = rest[k]));
  return out;
}

/**
 * The successive splits of a stepwise canary: `target` gains `step` percentage points each time until it
 * has 100. The current split is not included; the last split is always 100 to the target.
 */
export function canaryPlan(weights: readonly number[], target: number, step: number): number[][] {
  if (!(step > 0)) throw new Error('the step must be greater than 0');
  const plan: number[][] = [];
  let current = [...weights];
  let share = current[target] ?? 0;
  while (share < 100) {
    share = Math.min(100, share + step);
    current = shiftTowards(current, target, share);
    plan.push(current);
  }
  return plan;
}
