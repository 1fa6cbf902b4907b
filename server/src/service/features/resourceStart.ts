/**
 * Where a new resource can start, and what is offered there: the whole-resource snippets of
 * snippets/istio.json and the "New <Kind>" items. VS Code would show snippets contributed in
 * package.json at every position of a YAML file (inside `trafficPolicy:` too), so the snippets are
 * served by the server as completion items, only at a resource start.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CompletionItem } from 'vscode-languageserver-types';

const FORMAT_SNIPPET = 2;
const KIND_SNIPPET = 15;

interface SnippetJson {
  prefix: string;
  description?: string;
  body: string[] | string;
}

export interface ResourceSnippet {
  name: string;
  prefix: string;
  description: string;
  body: string;
}

/** Reads snippets/istio.json (VS Code's snippet format); a missing or broken file gives none. */
export function loadResourceSnippets(
  file: string,
  log: (m: string) => void = () => undefined,
): ResourceSnippet[] {
  if (!existsSync(file)) return [];
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SnippetJson>;
    return Object.entries(json).map(([name, s]) => ({
      name,
      prefix: s.prefix,
      description: s.description ?? '',
      body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
    }));
  } catch (err) {
    log(`cannot read the snippets ${file}: ${String(err)}`);
    return [];
  }
}

/**
 * True when the cursor is where a new resource can start: in a document (the file's start or after
 * `---`) with no key before the cursor's line, at column 0 with at most a word typed.
 * `lines` are the document's lines, `line` and `character` relative to them.
 */
export function atResourceStart(lines: readonly string[], line: number, character: number): boolean {
  const typed = (lines[line] ?? '').slice(0, character);
  if (!/^[\w-]*$/.test(typed)) return false;
  for (let l = 0; l < line; l++) {
    const text = lines[l];
    if (/^(---|\.\.\.)(\s|$)/.test(text) || /^\s*(#.*)?$/.test(text)) continue;
    return false;
  }
  return true;
}

/** Preview of a snippet body with its placeholders at their defaults, for the item's documentation. */
export function preview(body: string): string {
  return body
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

export function snippetItems(snippets: readonly ResourceSnippet[]): CompletionItem[] {
  return snippets.map((s) => ({
    label: s.prefix,
    kind: KIND_SNIPPET,
    detail: s.name,
    documentation: { kind: 'markdown', value: `${s.description}\n\n\`\`\`yaml\n${preview(s.body)}\n\`\`\`` },
    insertText: s.body,
    insertTextFormat: FORMAT_SNIPPET,
    filterText: s.prefix,
    sortText: `8_${s.prefix}`,
  }));
}
