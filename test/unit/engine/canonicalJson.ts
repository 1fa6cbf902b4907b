/**
 * A canonical text for JSON values, for comparing kubectl's output with the engine's value without
 * losing integers beyond 2^53: kubectl's output is read with its number tokens kept as written.
 */
export function canonicalOfJsonText(text: string): string {
  let pos = 0;
  const ws = (): void => {
    while (/\s/.test(text[pos] ?? '')) pos++;
  };
  const value = (): string => {
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: [string, string][] = [];
      ws();
      if (text[pos] === '}') {
        pos++;
        return '{}';
      }
      for (;;) {
        ws();
        const key = JSON.parse(stringToken()) as string;
        ws();
        if (text[pos++] !== ':') throw new Error(`expected : at ${pos}`);
        entries.push([key, value()]);
        ws();
        const sep = text[pos++];
        if (sep === '}') break;
        if (sep !== ',') throw new Error(`expected , or } at ${pos}`);
      }
      return object(entries);
    }
    if (c === '[') {
      pos++;
      const items: string[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return '[]';
      }
      for (;;) {
        items.push(value());
        ws();
        const sep = text[pos++];
        if (sep === ']') break;
        if (sep !== ',') throw new Error(`expected , or ] at ${pos}`);
      }
      return `[${items.join(',')}]`;
    }
    if (c === '"') return JSON.stringify(JSON.parse(stringToken()));
    const m = /^(true|false|null|-?[0-9][0-9.eE+-]*)/.exec(text.slice(pos));
    if (!m) throw new Error(`unexpected ${c} at ${pos}`);
    pos += m[0].length;
    return /^[-0-9]/.test(m[0]) ? numberText(m[0]) : m[0];
  };
  const stringToken = (): string => {
    const start = pos++;
    while (text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return text.slice(start, pos);
  };
  return value();
}

/** The engine's value in the same canonical text; `exact` holds integers beyond 2^53 by JSON pointer. */
export function canonicalOfValue(v: unknown, exact: ReadonlyMap<string, bigint>, path = ''): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x, i) => canonicalOfValue(x, exact, `${path}/${i}`)).join(',')}]`;
  if (typeof v === 'object') {
    return object(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        k,
        canonicalOfValue(x, exact, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
      ]),
    );
  }
  if (typeof v === 'number') {
    const e = exact.get(path);
    // kubectl reads a JSON integer as int64 when it fits, otherwise as float64.
    if (e !== undefined && e >= -(2n ** 63n) && e < 2n ** 63n) return e.toString();
    return numberText(JSON.stringify(v));
  }
  return JSON.stringify(v);
}

function object(entries: [string, string][]): string {
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${x}`).join(',')}}`;
}

/** Go writes -0 as "-0" and JavaScript as "0"; both send zero. */
function numberText(t: string): string {
  return t === '-0' ? '0' : t;
}
