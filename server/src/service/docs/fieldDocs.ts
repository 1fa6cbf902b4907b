import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISTIO_REFERENCE } from '../schema/catalog';

/** Documentation of one field, written in this project's words (see schemas/docs/README.md). */
export interface FieldDoc {
  doc: string;
  unset?: string;
  format?: string;
  values?: Record<string, string>;
  constraints?: string[];
  default?: string;
  example?: string;
  anchor?: string;
  message?: string;
}

export interface KindDocs {
  kind: string;
  summary: string;
  /** The kind's page, relative to istio.io's configuration reference (`networking/virtual-service/`). */
  reference: string;
  fields: Record<string, FieldDoc>;
  messages?: Record<string, Record<string, FieldDoc>>;
}

/** Loads schemas/docs/<Kind>.json lazily, once per kind, and resolves field paths to entries. */
export class FieldDocs {
  private readonly loaded = new Map<string, KindDocs | undefined>();

  constructor(private readonly dir: string) {}

  kind(kind: string): KindDocs | undefined {
    if (!this.loaded.has(kind)) {
      const file = join(this.dir, `${kind}.json`);
      this.loaded.set(
        kind,
        existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as KindDocs) : undefined,
      );
    }
    return this.loaded.get(kind);
  }

  /** The entry for a dotted path (`spec.http.route.weight`; list items add no segment). */
  field(kind: string, path: string): FieldDoc | undefined {
    const docs = this.kind(kind);
    return docs ? resolve(docs, docs.fields, path.split('.'), 0) : undefined;
  }

  /** The reference link for an entry. */
  link(kind: string, entry: FieldDoc | undefined): string | undefined {
    const docs = this.kind(kind);
    if (!docs) return undefined;
    const base = /^https?:/.test(docs.reference) ? docs.reference : `${ISTIO_REFERENCE}${docs.reference}`;
    return entry?.anchor ? `${base}#${entry.anchor}` : base;
  }
}

function resolve(
  docs: KindDocs,
  table: Record<string, FieldDoc>,
  segments: string[],
  depth: number,
): FieldDoc | undefined {
  if (depth > 32) return undefined;
  const exact = table[segments.join('.')];
  if (exact) return exact;
  for (let n = segments.length - 1; n > 0; n--) {
    const entry = table[segments.slice(0, n).join('.')];
    const message = entry?.message ? docs.messages?.[entry.message] : undefined;
    if (message) return resolve(docs, message, segments.slice(n), depth + 1);
  }
  return undefined;
}
