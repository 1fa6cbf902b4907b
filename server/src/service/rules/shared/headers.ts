/** HTTP header names and values as Istio's VirtualService validation checks them. */

/** RFC 7230 token characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);
const JWT_CLAIM = '@request.auth.claims';

/** An RFC 7230 token (a valid header name). */
export const isHeaderToken = (name: string): boolean => TOKEN.test(name);

/** `@request.auth.claims.<name>` or `@request.auth.claims[<name>]` (routing on a JWT claim). */
export function isJwtClaimHeader(name: string): boolean {
  if (!name.toLowerCase().startsWith(JWT_CLAIM)) return false;
  const rest = name.slice(JWT_CLAIM.length);
  return (
    (rest.startsWith('.') && rest.length > 1) ||
    (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2)
  );
}

/** A header name in a match (`headers` / `withoutHeaders`). */
export function headerMatchNameError(name: string): string | undefined {
  if (name === '') return 'a header name cannot be empty';
  if (isJwtClaimHeader(name) || PSEUDO_HEADERS.has(name)) return undefined;
  if (!isHeaderToken(name)) {
    return `"${name}" is not a valid header name: use token characters (letters, digits and !#$%&'*+-.^_\`|~), a pseudo-header such as :authority, or @request.auth.claims.<claim>`;
  }
  return undefined;
}

const isHost = (name: string): boolean => name.toLowerCase() === 'host';
/** A header Envoy manages itself: any `:` pseudo-header, or Host. */
export const isInternalHeader = (name: string): boolean => name.startsWith(':') || isHost(name);
/** `:authority` or Host (any case). */
export const isAuthorityHeader = (name: string): boolean =>
  name.toLowerCase() === ':authority' || isHost(name);

/** A header set or added on the request: `:authority` and Host are allowed, other pseudo-headers are not. */
export function requestSetHeaderError(name: string): string | undefined {
  if (name === '') return 'a header name cannot be empty';
  if (isInternalHeader(name) && !isAuthorityHeader(name))
    return `header "${name}" cannot be changed: names starting with ":" are reserved`;
  return undefined;
}

/** A header removed from the request, or changed on the response: no Host, no pseudo-headers. */
export function headerOperationError(name: string): string | undefined {
  if (name === '') return 'a header name cannot be empty';
  if (isHost(name)) return `header "${name}" cannot be changed here: Host is not allowed`;
  if (name.startsWith(':')) return `header "${name}" cannot be changed: names starting with ":" are reserved`;
  return undefined;
}

const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/**
 * A header value: no control characters (tab is fine), and valid Envoy `%VAR%` syntax (a literal % is
 * written %%). A port of Envoy's header_parser state machine, as in Istio's header_value_validator.go.
 */
export function headerValueError(value: string): string | undefined {
  if (CONTROL.test(value)) return 'the header value contains a control character';
  type State = 'literal' | 'name' | 'array' | 'string' | 'inString' | 'delim' | 'argsEnd' | 'varEnd';
  let state: State = 'literal';
  for (let pos = 0; pos < value.length; pos++) {
    const ch = value[pos];
    const hasNext = pos + 1 < value.length;
    switch (state) {
      case 'literal':
        if (ch !== '%') break;
        if (!hasNext)
          return 'the header value has an unescaped "%" at the end; write a literal percent sign as "%%"';
        if (value[pos + 1] === '%') pos++;
        else state = 'name';
        break;
      case 'name':
        if (ch === '%') state = 'literal';
        else if (ch === '(') state = 'array';
        break;
      case 'array':
        if (ch === '[') state = 'string';
        else if (ch !== ' ') state = 'inString';
        break;
      case 'delim':
        if (ch === ',') state = 'string';
        else if (ch === ']') state = 'argsEnd';
        else if (ch !== ' ')
          return `the header value has a malformed %VAR([...])% argument list: expected ',' or ']' at "${value.slice(pos)}"`;
        break;
      case 'string':
        if (ch === '"') state = 'inString';
        else if (ch !== ' ')
          return `the header value has a malformed %VAR([...])% argument list: expected '"' at "${value.slice(pos)}"`;
        break;
      case 'inString':
        if (ch === '\\') {
          if (!hasNext)
            return 'the header value ends with an unterminated backslash in a %VAR(...)% argument';
          pos++;
        } else if (ch === ')') state = 'varEnd';
        else if (ch === '"') state = 'delim';
        break;
      case 'argsEnd':
        if (ch === ')') state = 'varEnd';
        else if (ch !== ' ')
          return `the header value has a malformed %VAR(...)% expression: expected ')' at "${value.slice(pos)}"`;
        break;
      case 'varEnd':
        if (ch === '%') state = 'literal';
        else if (ch !== ' ')
          return `the header value has a malformed %VAR(...)% expression: expected '%' at "${value.slice(pos)}"`;
        break;
    }
  }
  if (state !== 'literal') {
    return 'the header value has an unterminated %VAR% expression; close it with "%", or write a literal percent sign as "%%"';
  }
  return undefined;
}
