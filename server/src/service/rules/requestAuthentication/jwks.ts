/**
 * Reads an inline JWKS (not a rule itself): whether it parses as a JSON Web Key (Set), and whether it
 * holds private or symmetric key material.
 */

/** Members each key type needs for its public part. */
const REQUIRED: Record<string, string[]> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
  oct: ['k'],
};

/** Members that only private keys carry. */
const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

export interface JwksReading {
  error?: string;
  /** Keys with private or symmetric material, by position. */
  secret: { index: number; kty: string }[];
}

function keys(doc: unknown): unknown[] | string {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'it must be a JSON object';
  const set = (doc as Record<string, unknown>).keys;
  if (set === undefined) return [doc];
  return Array.isArray(set) ? set : '"keys" must be a list';
}

export function readJwks(text: string): JwksReading {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return {
      error: `it is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      secret: [],
    };
  }
  const list = keys(doc);
  if (typeof list === 'string') return { error: list, secret: [] };
  const secret: { index: number; kty: string }[] = [];
  for (const [index, key] of list.entries()) {
    if (!key || typeof key !== 'object' || Array.isArray(key))
      return { error: `key ${index} is not a JSON object`, secret };
    const k = key as Record<string, unknown>;
    if (typeof k.kty !== 'string') return { error: `key ${index} has no "kty"`, secret };
    const required = REQUIRED[k.kty];
    if (!required)
      return { error: `key ${index} has the unknown type "${k.kty}" (use RSA, EC, OKP or oct)`, secret };
    const missing = required.find((m) => typeof k[m] !== 'string');
    if (missing) return { error: `key ${index} (${k.kty}) lacks the "${missing}" member`, secret };
    if (k.kty === 'oct' || PRIVATE.some((m) => m in k)) secret.push({ index, kty: k.kty });
  }
  return { secret };
}
