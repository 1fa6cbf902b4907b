// Where does our server spend the open/edit time? Slices a V8 .cpuprofile by the bench's time windows
// (both use CLOCK_MONOTONIC) and maps bundle positions back to TypeScript through dist/server.js.map.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

function sourceMapFor(url) {
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  if (!path || !existsSync(`${path}.map`)) return undefined;
  return new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
}

/**
 * Self and inclusive time per function over the samples that fall in any of `windows` ([startµs, endµs]).
 * Returns { totalMs, rows: [{ fn, where, selfMs, totalMs }] } sorted by self time.
 */
export function analyze(profilePath, windows, root) {
  const prof = JSON.parse(readFileSync(profilePath, 'utf8'));
  const maps = new Map();
  const where = (cf) => {
    if (!cf.url) return '(native)';
    if (!maps.has(cf.url)) maps.set(cf.url, sourceMapFor(cf.url));
    const map = maps.get(cf.url);
    const e = map?.findEntry(cf.lineNumber, cf.columnNumber);
    if (e?.originalSource) {
      const src = e.originalSource.replace(/^.*?(server\/src|shared\/src|node_modules)\//, '$1/');
      return `${src}:${e.originalLine + 1}`;
    }
    const p = cf.url.startsWith('file:') ? relative(root, fileURLToPath(cf.url)) : cf.url;
    return `${p}:${cf.lineNumber + 1}`;
  };

  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map(); // node id -> function key
  const info = new Map(); // key -> { fn, where, self, total }
  for (const n of prof.nodes) {
    const cf = n.callFrame;
    const fn = cf.functionName || '(anonymous)';
    const w = where(cf);
    const key = `${fn} ${w}`;
    keyOf.set(n.id, key);
    if (!info.has(key)) info.set(key, { fn, where: w, self: 0, total: 0 });
  }

  const inWindow = (t) => windows.some(([a, b]) => t >= a && t <= b);
  let t = prof.startTime;
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    t += dt;
    if (!inWindow(t)) continue;
    const dtNext = (prof.timeDeltas[i + 1] ?? dt) / 1000; // the sample stands for the interval up to the next
    total += dtNext;
    const id = prof.samples[i];
    info.get(keyOf.get(id)).self += dtNext;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf.get(n);
      if (!seen.has(k)) info.get(k).total += dtNext;
      seen.add(k);
    }
  }
  const rows = [...info.values()]
    .filter((r) => r.total > 0 && r.fn !== '(root)')
    .map((r) => ({ fn: r.fn, where: r.where, selfMs: r.self, totalMs: r.total }));
  return { totalMs: total, rows };
}

/** Markdown: top functions by self time and by inclusive time (ours only). */
export function profileMarkdown(title, { totalMs, rows }, top = 15) {
  const f = (x) => x.toFixed(0);
  const pct = (x) => `${((100 * x) / (totalMs || 1)).toFixed(0)}%`;
  const out = [`### ${title}: ${f(totalMs)} ms of samples`, ''];
  out.push('| self ms | self % | function | source |', '| ---: | ---: | --- | --- |');
  for (const r of [...rows].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) {
    out.push(`| ${f(r.selfMs)} | ${pct(r.selfMs)} | ${r.fn} | ${r.where} |`);
  }
  out.push('', '| total ms | total % | function | source |', '| ---: | ---: | --- | --- |');
  const inclusive = rows.filter(
    (r) => !/^\(|^(processTicksAndRejections|emit|Socket|addChunk|readableAddChunk|onStreamRead)/.test(r.fn),
  );
  for (const r of inclusive.sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) {
    out.push(`| ${f(r.totalMs)} | ${pct(r.totalMs)} | ${r.fn} | ${r.where} |`);
  }
  return out.join('\n') + '\n';
}
