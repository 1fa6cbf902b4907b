/**
 * Keeps credentials out of everything the extension logs or shows: command lines, streamed process
 * output and error messages. Pure; no `vscode` import, so it is unit-tested directly.
 */

export const REDACTED = '[REDACTED]';

/** Flags whose value (the next argument, or the part after `=`) is a credential. */
const SECRET_FLAGS = new Set([
  '--token',
  '--password',
  '--client-key',
  '--client-key-data',
  '--client-certificate-data',
  '--auth-token',
  '--bearer-token',
  '--id-token',
  '--refresh-token',
]);

/** The last segment of a `--set` path (or a key in text) that names a credential. */
const SECRET_KEY =
  /(?:token|password|passwd|secret|credentials?|api[-_]?key|access[-_]?key|private[-_]?key|client[-_]key(?:[-_]data)?)$/i;

/** Key names (the end of a key) whose value is a credential, for text. */
const SECRET_WORD =
  '(?:token|password|passwd|secret|credentials?|client-key-data|client-key|api[-_]?key|access[-_]?key|private[-_]?key)';

/**
 * `key: value`, `key=value`, `"key": "value"` where the key names a credential. A quoted value is
 * taken whole, spaces and all (`password: "a b"`).
 */
const KEY_VALUE = new RegExp(
  `((?:^|[\\s"'{,(;-])(?:[\\w.-]*?${SECRET_WORD}["']?)\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"?|'[^']*'?|[^\\s"',;}]+)`,
  'gi',
);
/** `token: |` (or `>-` …): a block scalar whose lines below are the credential. */
const SECRET_BLOCK = new RegExp(
  `^(\\s*)(?:-\\s+)?["']?[\\w.-]*?${SECRET_WORD}["']?\\s*:\\s*[|>][-+0-9]*\\s*(?:#.*)?$`,
  'i',
);
/** Access tokens with a recognisable prefix: GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), AWS key ids, Slack. */
const PREFIXED_TOKEN =
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,})\b/g;
/** `Authorization: Bearer x`, `bearer x`, `Basic x`. */
const AUTH_SCHEME = /\b(bearer|basic)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi;
/** `--token abc` inside a command line shown as one string. */
const FLAG_SPACE =
  /(--(?:token|password|client-key|client-key-data|auth-token|bearer-token|id-token|refresh-token)\s+)(\S+)/gi;
/** Anything that looks like a JWT. */
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
/** `https://user:password@host`. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)@/gi;
const PEM_BEGIN = /-----BEGIN ([A-Z ]*PRIVATE KEY)-----/;
const PEM_END = /-----END ([A-Z ]*PRIVATE KEY)-----/;

/** Values that only look like credentials: keep them, they help when reading a log. */
function isHarmless(value: string): boolean {
  return value === REDACTED || /^(?:true|false|null|none|""|''|\[redacted\]|<redacted>|\*+)$/i.test(value);
}

/** Redacts credentials in one line of text (no PEM state across lines; see `LineRedactor`). */
export function redactLine(line: string): string {
  return line
    .replace(JWT, REDACTED)
    .replace(PREFIXED_TOKEN, REDACTED)
    .replace(URL_USERINFO, (_m, user: string) => `${user}${REDACTED}@`)
    .replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(FLAG_SPACE, (_m, flag: string) => `${flag}${REDACTED}`)
    .replace(KEY_VALUE, (m, key: string, value: string) => {
      const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
      const inner = q ? value.slice(1, value.endsWith(q) && value.length > 1 ? -1 : undefined) : value;
      if (isHarmless(inner) || isHarmless(value)) return m;
      return q ? `${key}${q}${REDACTED}${q}` : `${key}${REDACTED}`;
    });
}

/**
 * Redacts a stream of lines, including the body of a PEM private-key block that spans lines.
 * One instance per stream.
 */
export class LineRedactor {
  private inKey = false;
  /** Inside the block scalar of a credential key: the key's indentation. */
  private blockIndent: number | undefined;

  line(text: string): string {
    if (this.blockIndent !== undefined) {
      const indent = /^\s*/.exec(text)![0].length;
      if (text.trim() === '' || indent > this.blockIndent) return text.trim() === '' ? text : REDACTED;
      this.blockIndent = undefined;
    }
    const block = SECRET_BLOCK.exec(text);
    if (block) {
      this.blockIndent = block[1].length;
      return text;
    }
    if (this.inKey) {
      if (PEM_END.test(text)) {
        this.inKey = false;
        return redactLine(text);
      }
      return REDACTED;
    }
    if (PEM_BEGIN.test(text) && !PEM_END.test(text)) {
      this.inKey = true;
      return text.replace(/-----BEGIN ([A-Z ]*PRIVATE KEY)-----.*$/, '-----BEGIN $1----- ' + REDACTED);
    }
    if (PEM_BEGIN.test(text)) {
      return text.replace(/-----BEGIN ([A-Z ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g, REDACTED);
    }
    return redactLine(text);
  }
}

/** Redacts a whole text (several lines). */
export function redactText(text: string): string {
  const r = new LineRedactor();
  return text
    .split('\n')
    .map((l) => r.line(l))
    .join('\n');
}

/** An error for the log: its stack (or message), redacted. Command errors carry argv and output. */
export function redactError(err: unknown): string {
  if (err instanceof Error) return redactText(err.stack ?? err.message);
  return redactText(String(err));
}

/** JSON string values of document text in a trace (`"text": "…"`): left out whole. */
const TRACED_TEXT = /("text"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * Redacts one message of the language server trace: the text of documents (didOpen, didChange) is
 * left out, so a verbose trace never copies a file into the log, and credentials are redacted.
 */
export function redactTrace(message: string): string {
  return redactText(
    message.replace(
      TRACED_TEXT,
      (_m, key: string, body: string) => `${key}"[${body.length} characters of document text left out]"`,
    ),
  );
}

/** The part of an output channel the language client's trace writes to. */
interface TraceSink {
  append(value: string): void;
  appendLine(value: string): void;
}

/** Wraps an output channel so that everything appended to it goes through `redactTrace`. */
export function redactingTraceChannel<T extends TraceSink>(channel: T): T {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      if (prop === 'append' || prop === 'appendLine') {
        return (value: string) => target[prop](redactTrace(value));
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Redacts an argv array: values of credential flags, and `--set` entries whose path names a credential. */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && SECRET_FLAGS.has(a.slice(0, eq))) {
      out.push(`${a.slice(0, eq)}=${REDACTED}`);
    } else if (SECRET_FLAGS.has(a) && i + 1 < args.length) {
      out.push(a, REDACTED);
      i++;
    } else if ((a === '--set' || a === '-s') && i + 1 < args.length) {
      out.push(a, redactSetEntry(args[i + 1]));
      i++;
    } else if (a.startsWith('--set=')) {
      out.push(`--set=${redactSetEntry(a.slice('--set='.length))}`);
    } else {
      out.push(redactLine(a));
    }
  }
  return out;
}

function redactSetEntry(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq < 0) return entry;
  const path = entry.slice(0, eq);
  const last = path.split('.').pop() ?? '';
  return SECRET_KEY.test(last) ? `${path}=${REDACTED}` : redactLine(entry);
}
