#!/usr/bin/env node
// Fails when a file repeats, word for word, any run of 7 words from the CRD bundle's descriptions.
//   node scripts/check-copied-text.mjs [--crds FILE] PATH...
// Reads the descriptions straight from the bundle (default ../shared/istio/crd-all.gen.yaml). When the
// bundle is absent it falls back to the hashed list beside it (crd-description-shingles.txt).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUN = 7;
const words = (s) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
const fnv = (s) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
};

function descriptions(node, out) {
  if (Array.isArray(node)) for (const n of node) descriptions(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'description' && typeof v === 'string') out.push(v);
      else descriptions(v, out);
    }
  }
  return out;
}

/** Returns a Set of fnv hashes of every 7-word run in the upstream descriptions. */
export function upstreamShingles(crds) {
  const set = new Set();
  if (existsSync(crds)) {
    for (const doc of parseAllDocuments(readFileSync(crds, 'utf8'))) {
      for (const d of descriptions(doc.toJS(), [])) {
        const w = words(d);
        for (let i = 0; i + RUN <= w.length; i++) set.add(fnv(w.slice(i, i + RUN).join(' ')));
      }
    }
  }
  const hashed = join(dirname(crds), 'crd-description-shingles.txt');
  if (existsSync(hashed)) for (const h of readFileSync(hashed, 'utf8').split('\n')) if (h) set.add(h);
  return set;
}

/** The copied 7-word runs of one text. */
export function copiedRuns(text, shingles) {
  const w = words(text);
  const runs = [];
  for (let i = 0; i + RUN <= w.length; i++) {
    const run = w.slice(i, i + RUN).join(' ');
    if (shingles.has(fnv(run))) runs.push(run);
  }
  return runs;
}

function files(p, out) {
  if (statSync(p).isDirectory()) {
    for (const e of readdirSync(p)) if (e !== 'node_modules') files(join(p, e), out);
  } else if (/\.(json|ya?ml|md|ts)$/.test(p)) out.push(p);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let crds = resolve(root, '../shared/istio/crd-all.gen.yaml');
  const i = args.indexOf('--crds');
  if (i !== -1) [crds] = args.splice(i, 2).slice(1);
  const shingles = upstreamShingles(crds);
  if (shingles.size === 0) {
    console.error('no upstream descriptions found: nothing to compare against');
    process.exit(2);
  }
  let bad = 0;
  for (const f of args.flatMap((a) => files(a, []))) {
    // Generated schemas are compared too: they must hold no description text at all.
    const runs = copiedRuns(readFileSync(f, 'utf8'), shingles);
    if (runs.length) {
      bad++;
      console.log(`${f}: ${runs.length} copied 7-word runs, e.g. "${runs[0]}"`);
    }
  }
  process.exit(bad ? 1 : 0);
}
