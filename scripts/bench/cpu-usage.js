// Preloaded into a benchmarked CLI process (node -r): at exit, writes the whole process's CPU time (every
// thread) as JSON to the file named by ISTIO_BENCH_CPU_FILE.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const out = process.env.ISTIO_BENCH_CPU_FILE;
if (out && isMainThread) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(out, JSON.stringify({ userMs: user / 1000, systemMs: system / 1000 }));
  });
}
