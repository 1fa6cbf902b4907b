/**
 * Scalar resolution as kubectl and the API server do it: sigs.k8s.io/yaml reads YAML with go-yaml v2,
 * whose resolver follows YAML 1.1 (yes/no/on/off booleans, `010` octal, `0b` binary, `_` digit
 * separators) with Go's own number parsers, and keeps timestamps as the strings they were written as.
 * The rules below follow go-yaml v2's resolve.go; every claim is checked against the real kubectl by
 * the probes in test/fixtures/yaml-decoding/.
 */

export type GoScalar =
  | { kind: 'null'; value: null }
  | { kind: 'bool'; value: boolean }
  /** `exact` is the integer as written; `unsigned` marks values only a uint64 holds. */
  | { kind: 'int'; value: number; exact: bigint; unsigned: boolean }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string };

const TRUE_WORDS = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE_WORDS = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];

/** Words that only YAML 1.1 reads as booleans: a YAML 1.2 reader, and most people, read a string. */
export const YAML11_ONLY_BOOLEANS: ReadonlySet<string> = new Set(
  [...TRUE_WORDS, ...FALSE_WORDS].filter((w) => !/^(true|false)$/i.test(w)),
);

const WORDS = new Map<string, GoScalar>();
for (const w of TRUE_WORDS) WORDS.set(w, { kind: 'bool', value: true });
for (const w of FALSE_WORDS) WORDS.set(w, { kind: 'bool', value: false });
for (const w of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(w, { kind: 'null', value: null });
for (const w of ['.nan', '.NaN', '.NAN']) WORDS.set(w, { kind: 'float', value: NaN });
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
  WORDS.set(w, { kind: 'float', value: Infinity });
for (const w of ['-.inf', '-.Inf', '-.INF']) WORDS.set(w, { kind: 'float', value: -Infinity });

/** go-yaml's first-character hint: only these can start anything but a string. */
function hint(c: string): 'S' | 'D' | 'M' | '.' | undefined {
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) on a text without underscores. */
function parseGoInt(s: string): { exact: bigint; unsigned: boolean } | undefined {
  let i = 0;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    i = 1;
  }
  const signed = i === 1;
  let digits = s.slice(i);
  let base = 10;
  let valid = /^[0-9]+$/;
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === '0x') {
    base = 16;
    valid = /^[0-9a-fA-F]+$/;
    digits = digits.slice(2);
  } else if (prefix === '0o') {
    base = 8;
    valid = /^[0-7]+$/;
    digits = digits.slice(2);
  } else if (prefix === '0b') {
    base = 2;
    valid = /^[01]+$/;
    digits = digits.slice(2);
  } else if (digits.length > 1 && digits[0] === '0') {
    base = 8;
    valid = /^[0-7]+$/;
    digits = digits.slice(1);
  }
  if (!valid.test(digits)) return undefined;
  const prefixText = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let exact = BigInt(prefixText + digits);
  if (negative) exact = -exact;
  if (exact >= INT64_MIN && exact <= INT64_MAX) return { exact, unsigned: false };
  // ParseUint takes no sign at all.
  if (!signed && exact <= UINT64_MAX) return { exact, unsigned: true };
  return undefined;
}

/** Resolves a plain (unquoted, untagged) scalar as go-yaml v2 does. */
export function resolvePlain(text: string): GoScalar {
  const word = WORDS.get(text);
  const h = text === '' ? 'M' : hint(text[0]);
  if (!h) return { kind: 'string', value: text };
  if (word) return word;
  if (h === 'M') return { kind: 'string', value: text };
  if (h === '.') {
    if (DOT_FLOAT.test(text)) {
      const f = Number(text);
      if (Number.isFinite(f)) return { kind: 'float', value: f };
    }
    return { kind: 'string', value: text };
  }
  // Timestamps (YYYY-…) stay strings; none of them parses as a number below either.
  const plain = text.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int) return { kind: 'int', value: Number(int.exact), exact: int.exact, unsigned: int.unsigned };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    // Go's ParseFloat fails with ErrRange beyond float64; go-yaml then keeps the string.
    if (Number.isFinite(f)) return { kind: 'float', value: f };
  }
  return { kind: 'string', value: text };
}

const TAG_PREFIX = 'tag:yaml.org,2002:';

/**
 * Resolves a scalar with an explicit tag (`!!int "12"`). Unknown and local tags give the string, as in
 * go-yaml. A value that does not fit its tag is an error there, and here.
 */
export function resolveTagged(tag: string, text: string): GoScalar | { error: string } {
  const name = tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : undefined;
  if (!name || !['bool', 'int', 'float', 'timestamp'].includes(name)) return { kind: 'string', value: text };
  const r = resolvePlain(text);
  if (name === 'timestamp') return { kind: 'string', value: text };
  if (r.kind === name) return r;
  if (name === 'float' && r.kind === 'int') return { kind: 'float', value: r.value };
  const got = r.kind === 'string' ? 'str' : r.kind;
  return { error: `cannot decode !!${got} \`${text}\` as a !!${name}` };
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32): how sigs.k8s.io/yaml spells a float map key. */
export function goFloatKey(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  const f32 = Math.fround(f);
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(f32).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(f32)) {
      const [mant, e] = s.split('e');
      digits = mant.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const sign = f32 < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ee = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ee}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** A plain integer written with a leading zero, which go-yaml reads as octal (`010` is 8). */
export function isLeadingZeroOctal(text: string): boolean {
  const plain = text.replace(/_/g, '');
  if (!/^[-+]?0[0-7]+$/.test(plain)) return false;
  // `07` is 7 either way; from two significant digits on, octal and decimal differ.
  return plain.replace(/^[-+]?0+/, '').length >= 2;
}
