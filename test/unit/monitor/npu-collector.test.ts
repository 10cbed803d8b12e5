// The monitor's host sampling: the enrichment script (run by a real `sh` with a stand-in `docker` on PATH and
// real record files), the choice of the current deployment, and the collector's schedule, joins, alerts and
// server metrics over the real npu-smi fixtures. The transport (`run`, `scrape`) is the collector's
// environment, so tests supply it; what it returns is real npu-smi / docker / vLLM text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentDeployment, enrichmentArgv, parseEnrichment } from '../../../src/core/monitor/enrichment';
import { NpuCollector, type RunResult } from '../../../src/core/monitor/npu-collector';
import type { DeploymentRecord } from '../../../src/core/deployment/record';

const FIX = join(__dirname, '..', '..', 'fixtures', 'npu-smi');
const INFO = readFileSync(join(FIX, '910b1-info-23.0.rc3.3-loaded-with-processes.txt'), 'utf8');

const record = (o: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  name: 'coder', host: 'kunpeng-01', container: 'ascend-llm-coder', image: 'quay.io/ascend/vllm-ascend:v0.23.0',
  modelId: 'deepseek-ai/deepseek-coder-6.7b-instruct', servedModelName: 'coder', hostPort: 8000, containerPort: 8000,
  npus: [0, 1], startedAt: '2026-11-28T04:00:00Z', status: 'running', ...o,
});

// `docker top` as docker prints it (ps -ef columns); the PID is the one npu-smi shows for NPU 0 in INFO.
const DOCKER_TOP = 'UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD\n'
  + 'root                576489              576470              0                   04:00               ?                   00:00:01            vllm serve /models/coder\n';

/** Runs the enrichment script with HOME holding `records` and a `docker` that knows one running container. */
function runEnrichment(records: Record<string, string>, logLine: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'enrich-'));
  try {
    mkdirSync(join(dir, 'home', '.ascend-llm', 'deployments'), { recursive: true });
    for (const [name, text] of Object.entries(records)) writeFileSync(join(dir, 'home', '.ascend-llm', 'deployments', name), text);
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'top.txt'), DOCKER_TOP);
    const docker = [
      '#!/bin/sh',
      'case "$1" in',
      '  ps) [ "$3" = name=ascend-llm- ] && echo ascend-llm-coder ;;',
      `  top) [ "$2" = ascend-llm-coder ] && cat '${join(dir, 'top.txt')}' ;;`,
      `  logs) echo '${logLine}' ;;`,
      'esac',
    ].join('\n');
    writeFileSync(join(dir, 'bin', 'docker'), docker);
    chmodSync(join(dir, 'bin', 'docker'), 0o755);
    const [cmd, ...args] = enrichmentArgv();
    return execFileSync(cmd, args, { env: { HOME: join(dir, 'home'), PATH: `${join(dir, 'bin')}:/usr/bin:/bin` }, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('enrichment: one shell command reads the records, docker top and the recent logs of ascend-llm containers', () => {
  const out = runEnrichment({ 'coder.json': JSON.stringify(record()), 'broken.json': '{"name": "x"' }, 'dcmi module initialize failed. ret is -8005');
  const e = parseEnrichment(out);
  assert.deepEqual(e.deployments.map((d) => d.name), ['coder']);
  assert.equal(e.badRecords, 1);
  assert.deepEqual(e.tops.map((x) => x.container), ['ascend-llm-coder']);
  assert.match(e.tops[0].output, /576489/);
  assert.match(e.logText, /ret is -8005/);
});

test('enrichment: without record files there are no deployments, and no errors', () => {
  const e = parseEnrichment(runEnrichment({}, ''));
  assert.deepEqual(e.deployments, []);
  assert.equal(e.badRecords, 0);
  assert.deepEqual(e.tops.map((x) => x.container), ['ascend-llm-coder']);
});

test('currentDeployment: a running record whose container is up, newest first; stopped or gone ones are not', () => {
  const old = record({ name: 'old', container: 'ascend-llm-old', startedAt: '2026-11-27T00:00:00Z' });
  const cur = record({ name: 'new', container: 'ascend-llm-new', startedAt: '2026-11-28T00:00:00Z' });
  const stopped = record({ name: 'stopped', container: 'ascend-llm-stopped', status: 'stopped' });
  assert.equal(currentDeployment([old, cur, stopped], ['ascend-llm-old', 'ascend-llm-new', 'ascend-llm-stopped'])?.name, 'new');
  assert.equal(currentDeployment([old, cur], ['ascend-llm-old'])?.name, 'old');
  assert.equal(currentDeployment([stopped], ['ascend-llm-stopped']), null);
  assert.equal(currentDeployment([], []), null);
});

function metrics(running: number, tokens: number): string {
  const m = 'engine="0",model_name="coder"';
  return [
    '# TYPE vllm:num_requests_running gauge', `vllm:num_requests_running{${m}} ${running}.0`,
    '# TYPE vllm:num_requests_waiting gauge', `vllm:num_requests_waiting{${m}} 0.0`,
    '# TYPE vllm:kv_cache_usage_perc gauge', `vllm:kv_cache_usage_perc{${m}} 0.25`,
    '# TYPE vllm:generation_tokens_total counter', `vllm:generation_tokens_total{${m}} ${tokens}.0`, '',
  ].join('\n');
}

function harness(opts: { info?: RunResult; logLine?: string } = {}) {
  let clock = 0;
  const calls: string[] = [];
  const enrichment = runEnrichment({ 'coder.json': JSON.stringify(record()) }, opts.logLine ?? 'INFO: Application startup complete.');
  let tokens = 1000;
  const collector = new NpuCollector({
    now: () => clock,
    run: async (argv) => {
      calls.push(argv[0] === 'sh' ? 'sh -c' : argv.join(' '));
      if (argv.join(' ') === 'npu-smi info') return opts.info ?? { code: 0, stdout: INFO, stderr: '' };
      if (argv[0] === 'sh') return { code: 0, stdout: enrichment, stderr: '' };
      throw new Error(`unexpected ${argv.join(' ')}`);
    },
    scrape: async (port) => {
      calls.push(`scrape ${port}`);
      tokens += 500;
      return metrics(3, tokens);
    },
  }, 15_000);
  return { collector, calls, advance: (ms: number) => { clock += ms; } };
}

test('collector: npu-smi info every tick (and no `npu-smi info -m`), enrichment not; processes tied to the deployment; server metrics', async () => {
  const h = harness();
  const s1 = await h.collector.sample();
  assert.equal(s1.snapshot.chips.length, 2);
  assert.deepEqual(s1.owners, [{ pid: 576489, container: 'ascend-llm-coder', deployment: 'coder' }]);
  // the fixture's HBM reads 65099 / 65536 MB: really nearly full
  assert.deepEqual(s1.alerts.map((a) => a.id), ['memory-near-full:0:0', 'memory-near-full:1:0']);
  assert.equal(s1.serverMetrics?.running, 3);
  assert.equal(s1.serverMetrics?.kvCacheUsagePercent, 25);
  assert.equal(s1.serverMetrics?.tokensPerSecond, null, 'no rate from one scrape');
  h.advance(1000);
  const s2 = await h.collector.sample();
  assert.equal(s2.serverMetrics?.tokensPerSecond, 500);
  h.advance(15_000);
  await h.collector.sample();
  assert.deepEqual(h.calls, [
    'npu-smi info', 'sh -c', 'scrape 8000',
    'npu-smi info', 'scrape 8000',
    'npu-smi info', 'sh -c', 'scrape 8000',
  ]);
});

test('collector: a container log error becomes its alert; dcmi failure of npu-smi itself shows the alert, not numbers', async () => {
  const logged = await harness({ logLine: 'RuntimeError: NPU out of memory. Tried to allocate 2.00 GiB' }).collector.sample();
  assert.deepEqual(logged.alerts.map((a) => a.kind), ['memory-near-full', 'memory-near-full', 'npu-out-of-memory']);
  const dcmi = await harness({ info: { code: 255, stdout: 'dcmi module initialize failed. ret is -8005\n', stderr: '' } }).collector.sample();
  assert.deepEqual(dcmi.snapshot, { version: null, chips: [], processes: [] });
  assert.deepEqual(dcmi.alerts.map((a) => a.kind), ['dcmi-init-failed']);
});

test('collector: garbage from npu-smi rejects (the scheduler backs off and shows why)', async () => {
  await assert.rejects(harness({ info: { code: 127, stdout: '', stderr: 'sh: 1: npu-smi: not found' } }).collector.sample());
  await assert.rejects(harness({ info: { code: 0, stdout: 'hello\nworld\n', stderr: '' } }).collector.sample());
});
