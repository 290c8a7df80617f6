// Probes a server's /api/health every 50 ms from a process of its own (so the load generator's own
// event loop does not count against the server) until stdin closes, then prints the latencies.
const base = process.argv[2];
const latencies = [];
let running = true;
process.stdin.on('end', () => {
  running = false;
});
process.stdin.resume();
while (running) {
  const started = performance.now();
  const response = await fetch(`${base}/api/health`).catch(() => undefined);
  latencies.push(response?.ok ? performance.now() - started : -1);
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write(JSON.stringify(latencies));
