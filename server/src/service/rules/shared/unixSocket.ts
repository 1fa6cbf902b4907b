/** Unix domain socket addresses (`unix://...`), as Istio checks them. */

export const UNIX_PREFIX = 'unix://';

export function isUnixAddress(s: string): boolean {
  return s.startsWith(UNIX_PREFIX);
}

/**
 * The socket path after `unix://` must be an absolute path to a file (so it starts with '/' and does
 * not end with '/'), or an abstract socket name starting with '@'. Returns an error message or undefined.
 */
export function validateUnixPath(path: string): string | undefined {
  if (path.length === 0) return 'the unix socket path must not be empty';
  if (path.startsWith('@')) return undefined;
  if (!path.startsWith('/') || path.endsWith('/')) {
    return `'${path}' is not an absolute path to a file (or an abstract socket starting with '@')`;
  }
  return undefined;
}

/** Checks a full `unix://...` address. */
export function validateUnixAddress(address: string): string | undefined {
  return validateUnixPath(address.slice(UNIX_PREFIX.length));
}
