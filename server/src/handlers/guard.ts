import type { ResponseError } from 'vscode-languageserver/node';

/** Wraps a handler so that a throw is logged and answered with an empty result: the server never dies. */
export function guard<A extends unknown[], R, E = never>(
  name: string,
  log: (message: string) => void,
  empty: R,
  fn: (...args: A) => R | ResponseError<E> | Promise<R | ResponseError<E>>,
): (...args: A) => Promise<R | ResponseError<E>> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return empty;
    }
  };
}
