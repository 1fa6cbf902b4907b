import { isMap, isPair, isScalar } from 'yaml';
import { didYouMean } from '../didYouMean';
import { FixBuilder } from '../fixes/edits';
import type { Finding } from '../types';
import type { ParsedDocument } from '../yaml/parse';
import { rangeOf } from '../yaml/nodes';

const TOP_LEVEL = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/** Only apiVersion, kind, metadata, spec and status may appear at the top of a resource. */
export function checkTopLevelKeys(parsed: ParsedDocument): Finding[] {
  const v = parsed.value;
  if (v !== null && typeof v === 'object' && Object.keys(v).every((k) => TOP_LEVEL.includes(k))) return [];
  const root = parsed.doc.contents;
  if (!isMap(root)) return [];
  const out: Finding[] = [];
  const fix = new FixBuilder(parsed);
  for (const item of root.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const name = String(item.key.value);
    if (TOP_LEVEL.includes(name)) continue;
    const range = rangeOf(item.key);
    if (!range) continue;
    const suggestion = didYouMean(name, TOP_LEVEL);
    const hint = suggestion
      ? ` Did you mean '${suggestion}'?`
      : ` If it is a spec field, indent it under 'spec:'.`;
    out.push({
      code: 'unknown-top-level-key',
      severity: 'error',
      message: `Unknown top-level key '${name}': a resource may only have ${TOP_LEVEL.join(', ')}.${hint}`,
      range,
      data: { field: name, suggestion },
      fixes: suggestion
        ? [fix.renameKey([name], suggestion, `Rename '${name}' to '${suggestion}'`)!].filter(Boolean)
        : undefined,
    });
  }
  return out;
}
