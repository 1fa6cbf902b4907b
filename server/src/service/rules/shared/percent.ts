/** ValidatePercent: an integer percentage in 0..100. */
export function validatePercent(value: number): string | undefined {
  return value >= 0 && value <= 100 ? undefined : `${value} is not in the range 0..100`;
}

/** validatePercentage (a fractional Percent): 0, or in [0.0001, 100]. */
export function validateFractionalPercent(value: number): string | undefined {
  if (value < 0 || value > 100 || (value > 0 && value < 0.0001)) {
    return `${value} is neither 0 nor in the range [0.0001, 100]`;
  }
  return undefined;
}
