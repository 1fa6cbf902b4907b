/** Wraps a handler so that a throw is logged and answered with an empty result: the server never dies. */
export function guard<A extends unknown[], R>(
  name: string,
  log: (message: string) => void,
  empty: R,
  fn: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return empty;
    }
  };
}
