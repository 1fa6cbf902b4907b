// Summaries and the markdown table.
import { median } from './measure.mjs';

/** yaml-language-server waits this long after every open/change before validating (yamlSettings.validationDelayMs). */
export const PEER_DEBOUNCE_MS = 200;

export const TARGETS = { openMs: 0.5, editMs: 0.1, rssEditMiB: 0.5, hwmMiB: 0.5 };
export const TARGET_SIZE = 1000;

/** Medians over the runs of one server on one file; edit samples of all runs are pooled. */
export function summarize(runs) {
  if (!runs.length) return null;
  const m = (k) => median(runs.map((r) => r[k]));
  return {
    runs: runs.length,
    mode: runs[0].mode,
    openMs: m('openMs'),
    openCpuMs: m('openCpuMs'),
    editCpuMs: m('editCpuMs'),
    editMs: median(runs.flatMap((r) => r.editMs)),
    rssOpenMiB: m('rssOpenMiB'),
    rssEditMiB: m('rssEditMiB'),
    hwmMiB: m('hwmMiB'),
    warmupMs: m('warmupMs'),
    diagnostics: runs[0].diagnostics,
    severities: runs[0].severities,
    diagnosticsAfterEdits: runs[0].diagnosticsAfterEdits,
    sample: runs[0].sample,
  };
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);

function verdict(key, r, size) {
  if (size !== TARGET_SIZE || !(key in TARGETS)) return '';
  if (!Number.isFinite(r)) return `≤ ${TARGETS[key]}× n/a`;
  return `≤ ${TARGETS[key]}× **${r <= TARGETS[key] ? 'PASS' : 'FAIL'}**`;
}

/**
 * results: { sizes: { [n]: { lines, errorsSeeded, parseMs, ours, peer, oursError?, peerError? } }, meta }
 */
export function toMarkdown(results) {
  const out = [];
  const { meta } = results;
  out.push(`# Bench: Istio language server vs yaml-language-server`, '');
  out.push(
    `${meta.date} · node ${meta.node} · ${meta.cpus} × ${meta.cpu} · load average ${meta.loadavg} at start · yaml-language-server ${meta.peerVersion}`,
    '',
  );
  out.push('| resources (lines) | metric | ours | yaml-ls | ours / yaml-ls | target |');
  out.push('| --- | --- | ---: | ---: | ---: | --- |');
  for (const [n, s] of Object.entries(results.sizes)) {
    const o = s.ours ?? {};
    const p = s.peer ?? {};
    const label = `${n} (${s.lines})`;
    const rows = [
      ['open → diagnostics (ms)', 'openMs', o.openMs, p.openMs],
      [
        `… yaml-ls net of its ${PEER_DEBOUNCE_MS} ms debounce`,
        'openMs',
        o.openMs,
        p.openMs - PEER_DEBOUNCE_MS,
        true,
      ],
      ['edit → diagnostics, median (ms)', 'editMs', o.editMs, p.editMs],
      [
        `… yaml-ls net of its ${PEER_DEBOUNCE_MS} ms debounce`,
        'editMs',
        o.editMs,
        p.editMs - PEER_DEBOUNCE_MS,
        true,
      ],
      ['server CPU during open (ms)', 'openCpuMs', o.openCpuMs, p.openCpuMs],
      ['server CPU per edit, mean (ms)', 'editCpuMs', o.editCpuMs, p.editCpuMs],
      ['RSS after open (MiB)', 'rssOpenMiB', o.rssOpenMiB, p.rssOpenMiB],
      ['RSS after edits (MiB)', 'rssEditMiB', o.rssEditMiB, p.rssEditMiB],
      ['peak RSS, VmHWM (MiB)', 'hwmMiB', o.hwmMiB, p.hwmMiB],
    ];
    rows.forEach(([name, key, a, b, net], i) => {
      const r = ratio(a, b);
      const v = verdict(key, r, Number(n));
      out.push(
        `| ${i === 0 ? label : ''} | ${name} | ${f(a)} | ${f(b)} | ${f(r, 2)} | ${net && v ? `(${v.replace(/\*\*/g, '')})` : v} |`,
      );
    });
    const diag = (x) => (x?.severities ? `${x.diagnostics} (${x.severities.error} err)` : 'n/a');
    out.push(
      `| | diagnostics on open (${s.errorsSeeded} errors seeded) | ${diag(s.ours)} | ${diag(s.peer)} | | |`,
    );
    out.push(`| | floor: \`yaml\` parseAllDocuments (ms) | ${f(s.parseMs)} | | | |`);
    out.push(`| | runs / edits per run | ${o.runs ?? 0} / ${s.edits} | ${p.runs ?? 0} / ${s.edits} | | |`);
  }
  out.push('');
  out.push(
    `Open = didOpen sent → diagnostics received on a warmed-up server (a ${results.warmupResources}-resource document was validated first, so schema loading is excluded). ` +
      `Edit = one incremental didChange of a \`weight:\` value mid-file → diagnostics. Ours: response to textDocument/diagnostic (pull) sent right after the notification; ` +
      `yaml-ls: next publishDiagnostics for the URI. yaml-ls delays every validation by ${PEER_DEBOUNCE_MS} ms, so "net" rows subtract it; ` +
      `targets are judged on the measured rows, net verdicts in parentheses. Medians over alternating runs (fresh process per run); edit samples pooled. ` +
      `Server CPU = utime + stime of the server process (/proc/<pid>/stat, 10 ms ticks, GC threads included) over the same ` +
      `interval: it leaves out yaml-ls's debounce sleep and is less sensitive to other load on the machine than wall time. ` +
      `yaml-ls's schema carries no CEL rules (x-kubernetes-validations), which ours evaluates, nor our Istio semantic rules.`,
  );
  for (const [n, s] of Object.entries(results.sizes)) {
    for (const k of ['oursError', 'peerError']) if (s[k]) out.push('', `**${n}: ${k}**: ${s[k]}`);
  }
  if (results.oursMissing) out.push('', `**ours not run**: ${results.oursMissing}`);
  return out.join('\n') + '\n';
}
