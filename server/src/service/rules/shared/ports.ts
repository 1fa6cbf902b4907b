import { isDns1123Label } from './hostnames';

/** A port number must be 1..65535. */
export function validatePort(port: number): string | undefined {
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return undefined;
  return `port number ${port} must be in the range 1..65535`;
}

/** A port name must be a DNS-1123 label: letters, digits and '-', at most 63 characters. */
export function validatePortName(name: string): string | undefined {
  if (isDns1123Label(name)) return undefined;
  return `invalid port name "${name}": use letters, digits and '-' (starting and ending with a letter or digit), at most 63 characters`;
}
