/**
 * Regexes as Istio checks them (validateStringRegexp): at most 1024 bytes and valid Go RE2 syntax. RE2
 * has no look-around and no backreferences, so those are rejected too. re2js is a port of the same
 * parser, so it accepts and rejects exactly what Go's regexp does.
 */
import { RE2JS } from 're2js';
import { byteLength } from './values';

export const MAX_REGEX_LENGTH = 1024;

const cache = new Map<string, string | undefined>();

/** An error message for a regex Istio would reject, or undefined. Empty regexes are the caller's call. */
export function validateRegex(re: string): string | undefined {
  if (byteLength(re) > MAX_REGEX_LENGTH) {
    return `regex is too large (${byteLength(re)} bytes); the maximum length allowed is ${MAX_REGEX_LENGTH}`;
  }
  if (cache.has(re)) return cache.get(re);
  let error: string | undefined;
  try {
    RE2JS.compile(re);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    error = `${detail}. Istio uses the RE2 regex dialect, which has no look-around and no backreferences`;
  }
  if (cache.size > 500) cache.clear();
  cache.set(re, error);
  return error;
}
