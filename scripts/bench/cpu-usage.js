// Preloaded into a benchmarked CLI process (node -r; worker threads inherit it). At exit, each JavaScript
// thread writes its own CPU time (Linux /proc/thread-self/stat) to `$ISTIO_BENCH_CPU_FILE.<threadId>`, and
// the main thread adds the whole process's (every thread, including V8's and libuv's helpers).
const { readFileSync, writeFileSync } = require('node:fs');
const { isMainThread, threadId } = require('node:worker_threads');

/** utime + stime of the calling thread, in ms (clock ticks of 10 ms); NaN where /proc is missing. */
function threadCpuMs() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const out = process.env.ISTIO_BENCH_CPU_FILE;
if (out) {
  process.on('exit', () => {
    const record = { threadId, main: isMainThread, threadMs: threadCpuMs() };
    if (isMainThread) {
      const { user, system } = process.cpuUsage();
      record.processMs = (user + system) / 1000;
    }
    writeFileSync(`${out}.${threadId}`, JSON.stringify(record));
  });
}
