// A minimal LSP client over stdio (Content-Length framing) for benchmarking. Every wait has a timeout.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class LspClient {
  /**
   * @param {string[]} argv  command and arguments
   * @param {{ cwd?: string, onRequest?: (method: string, params: any) => any }} opts
   *   onRequest answers server-to-client requests (workspace/configuration, ...); default result null.
   */
  constructor(argv, { cwd, onRequest } = {}) {
    this.proc = spawn(argv[0], argv.slice(1), { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.onRequest = onRequest ?? (() => null);
    this.nextId = 1;
    this.pending = new Map(); // id -> { resolve, reject, timer }
    this.waiters = new Set(); // { method, match, resolve, reject, timer }
    this.buf = Buffer.alloc(0);
    this.stderr = '';
    this.exited = false;
    this.proc.stdout.on('data', (chunk) => this.#onData(chunk));
    this.proc.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.proc.stdin.on('error', () => {}); // EPIPE after the server died is reported by 'exit'
    this.proc.on('exit', (code, signal) => {
      this.exited = true;
      const err = new Error(`server exited (code ${code}, signal ${signal})\n${this.stderr}`);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(err);
      }
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(err);
      }
      this.pending.clear();
      this.waiters.clear();
    });
  }

  get pid() {
    return this.proc.pid;
  }

  #send(msg) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  #onData(chunk) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buf.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('LSP frame without Content-Length');
      const start = headerEnd + 4;
      const end = start + Number(m[1]);
      if (this.buf.length < end) return;
      const msg = JSON.parse(this.buf.subarray(start, end).toString('utf8'));
      this.buf = this.buf.subarray(end);
      this.#dispatch(msg);
    }
  }

  #dispatch(msg) {
    if (msg.id !== undefined && msg.method) {
      // server -> client request
      Promise.resolve()
        .then(() => this.onRequest(msg.method, msg.params))
        .then(
          (result) => this.#send({ id: msg.id, result: result ?? null }),
          (e) => this.#send({ id: msg.id, error: { code: -32603, message: String(e) } }),
        );
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
    } else {
      for (const w of this.waiters) {
        if (w.method === msg.method && w.match(msg.params)) {
          this.waiters.delete(w);
          clearTimeout(w.timer);
          w.resolve(msg.params);
        }
      }
    }
  }

  request(method, params, timeoutMs = 30_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(`${method}: server has exited\n${this.stderr}`));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.#send({ id, method, params });
    });
  }

  notify(method, params) {
    this.#send({ method, params });
  }

  /** Resolves with the params of the next notification `method` for which match(params) holds. Call before triggering it. */
  waitFor(method, match, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(`${method}: server has exited\n${this.stderr}`));
      const w = { method, match, resolve, reject };
      w.timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`${method}: none matching in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  /** VmRSS and VmHWM of the server process, in MiB. */
  memory() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, hwmMiB: kb('VmHWM') / 1024 };
  }

  /** User + system CPU time the server process has used so far, in ms (10 ms resolution). */
  cpuMs() {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in ticks of 1/100 s
  }

  /** shutdown + exit, then SIGKILL if the process is still there after the grace period. */
  async close(graceMs = 2000) {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    try {
      await this.request('shutdown', null, graceMs);
      this.notify('exit');
    } catch {
      // fall through to the kill
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  kill() {
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}
