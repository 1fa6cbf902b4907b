/**
 * Label maps (ServiceEntry endpoint `labels`, WorkloadEntry `labels`, ...), checked like Istio's
 * labels.Instance.Validate: Kubernetes label syntax for keys and values.
 */

// Istio's DNS-1123 label pattern (it also accepts upper-case letters).
const DNS_LABEL = '[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?';
const QUALIFIED_NAME = '(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const KEY = new RegExp(`^(${DNS_LABEL}(?:\\.${DNS_LABEL})*/)?(${QUALIFIED_NAME})$`);
const VALUE = new RegExp(`^(${QUALIFIED_NAME})?$`);

/** A label key: an optional DNS-subdomain prefix (≤ 253 characters) and '/', then a name of ≤ 63 characters. */
export function validateLabelKey(key: string): string | undefined {
  const m = KEY.exec(key);
  if (!m) {
    return `invalid label key '${key}': use an optional DNS prefix and '/', then a name of letters, digits, '-', '_' or '.' that starts and ends with a letter or digit`;
  }
  if (m[1] && m[1].length - 1 > 253)
    return `invalid label key '${key}': the prefix before '/' is longer than 253 characters`;
  if (m[2].length > 63)
    return `invalid label key '${key}': the name after the prefix is longer than 63 characters`;
  return undefined;
}

/** A label value: empty, or letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export function validateLabelValue(value: string): string | undefined {
  return VALUE.test(value)
    ? undefined
    : `invalid label value '${value}': use letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or leave it empty)`;
}

export interface LabelProblem {
  key: string;
  /** Whether the problem is in the key or in its value. */
  on: 'key' | 'value';
  message: string;
}

/** Every problem of a label map (non-string values are left to the schema). */
export function labelMapProblems(labels: unknown): LabelProblem[] {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return [];
  const out: LabelProblem[] = [];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    const keyError = validateLabelKey(k);
    if (keyError) out.push({ key: k, on: 'key', message: keyError });
    if (typeof v === 'string') {
      const valueError = validateLabelValue(v);
      if (valueError) out.push({ key: k, on: 'value', message: valueError });
    }
  }
  return out;
}
