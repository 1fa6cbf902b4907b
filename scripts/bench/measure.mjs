// One bench session: start a server, warm it up, open a file, edit it, read its memory, stop it.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { LspClient } from './lsp.mjs';

export const live = new Set(); // clients to kill if the bench itself dies

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Looks a dotted section up in a settings tree (workspace/configuration). */
function section(settings, name) {
  if (!name) return settings;
  return name.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), settings) ?? null;
}

const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: false },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
  window: { workDoneProgress: false },
};

/**
 * A server under test. `settings` answers workspace/configuration and is sent with didChangeConfiguration.
 * Diagnostics are pulled (textDocument/diagnostic) when the server offers diagnosticProvider, else awaited as
 * publishDiagnostics for the document's URI (and version, when the server sends one).
 */
export class Session {
  constructor(spec, timeoutMs) {
    this.spec = spec;
    this.timeoutMs = timeoutMs;
    this.client = new LspClient(spec.argv, {
      cwd: spec.cwd,
      onRequest: (method, params) =>
        method === 'workspace/configuration'
          ? params.items.map((i) => section(spec.settings, i.section))
          : null,
    });
    live.add(this.client);
  }

  async start(rootUri) {
    const init = await this.client.request(
      'initialize',
      {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: CLIENT_CAPABILITIES,
        initializationOptions: this.spec.initializationOptions ?? {},
      },
      this.timeoutMs,
    );
    this.pull = Boolean(init.capabilities?.diagnosticProvider);
    this.client.notify('initialized', {});
    this.client.notify('workspace/didChangeConfiguration', { settings: this.spec.settings });
  }

  /** Sends `send()` (didOpen/didChange) and resolves with the diagnostics that follow it, and how long they took. */
  async #diagnose(uri, version, send) {
    let wait;
    if (!this.pull) {
      wait = this.client.waitFor(
        'textDocument/publishDiagnostics',
        (p) => p.uri === uri && (p.version === undefined || p.version === version),
        this.timeoutMs,
      );
    }
    const cpu0 = this.client.cpuMs();
    const t0 = process.hrtime.bigint(); // CLOCK_MONOTONIC, the clock of V8's .cpuprofile timestamps
    send();
    let diagnostics;
    if (this.pull) {
      const report = await this.client.request(
        'textDocument/diagnostic',
        { textDocument: { uri } },
        this.timeoutMs,
      );
      diagnostics = report.items ?? [];
    } else {
      diagnostics = (await wait).diagnostics;
    }
    const t1 = process.hrtime.bigint();
    return {
      ms: Number(t1 - t0) / 1e6,
      cpuMs: this.client.cpuMs() - cpu0,
      window: [Number(t0 / 1000n), Number(t1 / 1000n)],
      diagnostics,
    };
  }

  open(uri, text) {
    return this.#diagnose(uri, 1, () =>
      this.client.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text },
      }),
    );
  }

  change(uri, version, range, text) {
    return this.#diagnose(uri, version, () =>
      this.client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      }),
    );
  }

  close(uri) {
    this.client.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async stop() {
    await this.client.close();
    live.delete(this.client);
  }
}

const bySeverity = (diags) => {
  const out = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diags) out[['error', 'warning', 'info', 'hint'][(d.severity ?? 1) - 1]]++;
  return out;
};

/**
 * One run: fresh server; warm-up document (must yield ≥1 diagnostic, proving the schema is in force);
 * open the bench file; `edits` one-line incremental edits of the weight value mid-file.
 */
export async function runOnce(spec, input, warmup, { edits, timeoutMs, rootUri }) {
  const s = new Session(spec, timeoutMs);
  try {
    await s.start(rootUri);
    // Warm-up: loads/compiles the schema. yaml-ls applies settings asynchronously, so retry until it bites.
    let warm;
    for (let attempt = 0; attempt < 20; attempt++) {
      warm = await s.open(warmup.uri, warmup.text);
      s.close(warmup.uri);
      if (warm.diagnostics.length > 0) break;
      await sleep(100);
    }
    if (!warm.diagnostics.length)
      throw new Error(`${spec.name}: no diagnostics on the warm-up document: schema not applied?`);
    await sleep(50);

    const open = await s.open(input.uri, input.text);
    const memOpen = s.client.memory();
    const { line, character, length } = input.edit;
    const editMs = [];
    const editWindows = [];
    let editCpuMs = 0;
    let prevLen = length;
    let editDiags = open.diagnostics;
    for (let i = 0; i < edits; i++) {
      await sleep(20);
      const value = String(11 + ((i * 7) % 80)); // a different weight each time
      const range = { start: { line, character }, end: { line, character: character + prevLen } };
      const r = await s.change(input.uri, i + 2, range, value);
      prevLen = value.length;
      editMs.push(r.ms);
      editWindows.push(r.window);
      editCpuMs += r.cpuMs;
      editDiags = r.diagnostics;
    }
    const memEdit = s.client.memory();
    return {
      server: spec.name,
      mode: s.pull ? 'pull' : 'push',
      warmupMs: warm.ms,
      openMs: open.ms,
      editMs,
      openCpuMs: open.cpuMs,
      editCpuMs: edits ? editCpuMs / edits : NaN,
      diagnostics: open.diagnostics.length,
      severities: bySeverity(open.diagnostics),
      diagnosticsAfterEdits: editDiags.length,
      sample: open.diagnostics.slice(0, 3).map((d) => `${d.range.start.line + 1}: ${d.message}`),
      rssOpenMiB: memOpen.rssMiB,
      rssEditMiB: memEdit.rssMiB,
      hwmMiB: memEdit.hwmMiB,
      windows: { open: open.window, edits: editWindows }, // µs, for slicing a CPU profile
    };
  } finally {
    await s.stop().catch(() => s.client.kill());
  }
}

/** The floor: median time of the `yaml` package's parseAllDocuments over a file. */
export function parseFloor(path, reps = 5) {
  const text = readFileSync(path, 'utf8');
  for (let i = 0; i < 3; i++) parseAllDocuments(text); // warm the JIT
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    parseAllDocuments(text);
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export function median(xs) {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
