// Timing accuracy of the simulated vLLM server (TTFT and per-token time within ±3 ms at p50).
// Run: node --import tsx test/bench/host-timing.bench.ts [--iterations N] [--ttft MS] [--itl MS] [--json]
// Starts test/host/vllm-sim/server.mjs on its own, sends N sequential streaming requests of 32 tokens over
// loopback HTTP and compares, per request, the observed time to first chunk and the gaps between chunks with
// the configured ttftMs / itlMs (jitter 0). Errors are observed minus configured, in ms.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeControl } from '../host/control.js';

const args = process.argv.slice(2);
const num = (flag: string, d: number): number => { const i = args.indexOf(flag); return i >= 0 ? Number(args[i + 1]) : d; };
const ITER = num('--iterations', 40);
const TTFT = num('--ttft', 80);
const ITL = num('--itl', 20);

const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

async function main(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'simhost-bench-'));
  // A long corpus line so that every request really generates 32 tokens.
  mkdirSync(join(state, 'corpus'));
  writeFileSync(join(state, 'corpus', 'long.txt'), `bench prefix:${' token'.repeat(400)}\n`);
  const agent = new Agent({ keepAlive: true });
  makeControl(state).setLatency({ startupMs: 100, ttftMs: TTFT, itlMs: ITL, jitterMs: 0, maxConcurrency: 4 });
  const port = await new Promise<number>((r) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => r(typeof a === 'object' && a ? a.port : 0)); }); });
  const proc = fork(join(__dirname, '..', 'host', 'vllm-sim', 'server.mjs'), ['/m', '--port', String(port)], { execArgv: [], env: { ...process.env, SIMHOST_STATE: state }, stdio: 'ignore' });
  await new Promise((r) => proc.once('message', r));
  const ttftErr: number[] = [];
  const itlErr: number[] = [];
  for (let i = -3; i < ITER; i++) { // 3 warm-up requests
    const times: number[] = [];
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = request({ agent, host: '127.0.0.1', port, method: 'POST', path: '/v1/completions', headers: { 'content-type': 'application/json' } }, (res) => {
        res.on('data', (d: Buffer) => { for (const ev of d.toString().split('\n\n')) if (ev.startsWith('data: {')) times.push(performance.now()); });
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(JSON.stringify({ prompt: 'bench prefix:', max_tokens: 32, stream: true }));
    });
    if (i < 0) continue;
    ttftErr.push(times[0] - t0 - TTFT);
    for (let k = 1; k < times.length; k++) itlErr.push(times[k] - times[k - 1] - ITL);
  }
  agent.destroy();
  proc.kill('SIGTERM');
  rmSync(state, { recursive: true, force: true });
  const result = {
    iterations: ITER, ttftMs: TTFT, itlMs: ITL,
    ttftErrorMs: { p50: pct(ttftErr, 50), p95: pct(ttftErr, 95) },
    itlErrorMs: { p50: pct(itlErr, 50), p95: pct(itlErr, 95), samples: itlErr.length },
    withinTarget: Math.abs(pct(ttftErr, 50)) <= 3 && Math.abs(pct(itlErr, 50)) <= 3,
  };
  if (args.includes('--json')) console.log(JSON.stringify(result));
  else console.log(`TTFT error p50 ${result.ttftErrorMs.p50.toFixed(2)} ms, p95 ${result.ttftErrorMs.p95.toFixed(2)} ms; per-token error p50 ${result.itlErrorMs.p50.toFixed(2)} ms, p95 ${result.itlErrorMs.p95.toFixed(2)} ms (${result.itlErrorMs.samples} gaps); within ±3 ms at p50: ${result.withinTarget}`);
}

void main();
