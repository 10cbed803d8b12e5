// Simulated vLLM (vllm-ascend) OpenAI server. Two ways to start it:
//   node server.mjs --container <container dir>   (what the docker shim runs, detached, as the container)
//   node server.mjs [vllm serve args...]          (standalone, for tests; listens on 127.0.0.1:--port, logs to stdout)
// Startup prints model-loading lines and takes `startupMs` (state latency.json) before it listens.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseServeCommand, UnrecognizedArguments } from './args.mjs';
import { makeHandler, stamp, VLLM_VERSION } from './http.mjs';
import { loadCorpus } from './oracle.mjs';
import { startupProblem, loadProblem, hbmProblem, usedLogicIds } from './startup-checks.mjs';
import { dpProblem, dpSettings, joinHead, startHead } from './dp.mjs';
import { engineInitFailed, handshakeTimeoutLines, hcclTimeoutLines } from './hccl-errors.mjs';
import { checkHeads, checkMaxLen, kvProblem, memoryPlan } from './model-limits.mjs';
import { getProfile } from '../shims/lib/profiles.mjs';
import { hccnState } from '../shims/lib/hccn-state.mjs';
import { hostInfo, latency, readJson, writeJson } from '../shims/lib/state.mjs';

const argv = process.argv.slice(2);
const cdir = argv[0] === '--container' ? argv[1] : null;
const container = cdir ? readJson(join(cdir, 'container.json'), null) : null;
const stateDir = process.env.SIMHOST_STATE ?? null;
const lat = () => (stateDir ? latency(stateDir) : { ttftMs: 80, itlMs: 20, jitterMs: 0, maxConcurrency: 4, startupMs: 500, handshakeTimeoutMs: 300000 });
// In a network namespace of the simulated host's own, listening on every address reaches nothing else.
const ownNetns = Boolean(stateDir && hostInfo(stateDir).ownNetns);

// vLLM runs one worker process per tensor-parallel rank beyond the first, each holding its own NPU: npu-smi lists
// one PID per NPU and `docker top` lists them all. Each stand-in ends when this server does.
const WORKER = 'const p = Number(process.argv[1]); process.title = process.argv[2]; setInterval(() => { try { process.kill(p, 0); } catch { process.exit(0); } }, 300);';
/** The used NPUs' link state and TLS switch, as this node reports it for the HCCL link setup. */
function npuReport(serve, dpLocal) {
  const npus = stateDir ? hccnState(stateDir) : [];
  const ids = container ? usedLogicIds(container, serve, dpLocal) : npus.map((_, i) => i).slice(0, serve.tp * dpLocal);
  const used = ids.map((i) => npus[i]).filter(Boolean);
  return { links: used.map((n) => ({ link: n.link, netHealth: n.netHealth })), tls: used.map((n) => n.tls) };
}

/** This node's per-NPU memory plan (model-limits.mjs), or null without a config or a host profile. */
function kvPlan(serve, d, modelDir, config) {
  const profileName = stateDir ? hostInfo(stateDir).profile : undefined;
  if (!config || !profileName) return null;
  const chips = getProfile(profileName).chips;
  const first = container ? usedLogicIds(container, serve, d.local)[0] : 0;
  const chip = chips.find((c) => c.logicId === first) ?? chips[0];
  return memoryPlan({
    config, modelDir, tp: serve.tp, dp: d.dp, expertParallel: serve.opts['enable-expert-parallel'] === true || serve.opts.ep === true,
    dtype: serve.opts.dtype, kvCacheDtype: serve.opts['kv-cache-dtype'], capMiB: chip.hbmTotal || chip.memTotal, baseMiB: chip.baseUsed,
    util: serve.gpuMemoryUtilization,
  });
}

function startWorkers(dir) {
  const claim = readJson(join(dir, 'npu.json'), null);
  if (!claim || claim.logicIds.length < 2) return;
  const pids = [process.pid];
  for (let rank = 1; rank < claim.logicIds.length; rank++) {
    const child = spawn(process.execPath, ['-e', WORKER, String(process.pid), `VLLMWorker_TP${rank}`], { stdio: 'ignore', detached: false });
    child.unref();
    pids.push(child.pid);
  }
  writeJson(join(dir, 'npu.json'), { ...claim, pids });
}

function log(line, stream = 'stdout') {
  if (cdir) appendFileSync(join(cdir, 'log.jsonl'), `${JSON.stringify({ t: Date.now(), s: stream, l: line })}\n`);
  else (stream === 'stderr' ? process.stderr : process.stdout).write(`${line}\n`);
}

let exiting = false;
function exit(code, error = '') {
  if (exiting) return;
  exiting = true;
  if (cdir) {
    writeJson(join(cdir, 'exit.json'), { code, at: Date.now(), error });
    rmSync(join(cdir, 'npu.json'), { force: true });
    // --rm: a detached container removes itself; an attached one is removed by the docker client after it read the code.
    if (container?.autoRemove && !container.attached) rmSync(cdir, { recursive: true, force: true });
  }
  process.exit(code);
}

function fail(lines) {
  for (const l of lines) log(l, 'stderr');
  exit(1);
}

process.on('SIGTERM', () => { log(`INFO ${stamp()} [launcher.py:112] Shutting down FastAPI HTTP server.`); log('INFO:     Shutting down'); exit(0); });
process.on('SIGINT', () => exit(130));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  /** host path of a path inside the container (through its -v binds) */
  const hostPath = (p) => {
    if (!container) return p;
    const b = [...container.binds].sort((x, y) => y.target.length - x.target.length)
      .find((m) => p === m.target || p.startsWith(`${m.target.replace(/\/$/, '')}/`));
    return b ? join(b.source, p.slice(b.target.replace(/\/$/, '').length)) : p;
  };
  let serve;
  try {
    serve = parseServeCommand(container ? container.cmd : argv[0] === 'vllm' ? argv : ['vllm', 'serve', ...argv], hostPath);
  } catch (e) {
    if (e instanceof UnrecognizedArguments) { for (const l of e.lines) log(l, 'stderr'); return exit(2); }
    return fail([`ValueError: ${e.message}`]);
  }
  if (container && serve.kind === 'none') {
    // Not a vLLM server command (e.g. the image's default `bash` without a TTY): exits at once.
    return exit(0);
  }
  const d = dpSettings(serve);
  const dpErr = dpProblem(d);
  if (dpErr) return fail([dpErr]);
  const t = lat();
  const startupMs = t.startupMs ?? 3000;
  const modelDir = hostPath(serve.model);
  const config = readJson(join(modelDir, 'config.json'), null);
  const env = container ? container.env : process.env;
  const allowLong = ['1', 'true'].includes(String(env.VLLM_ALLOW_LONG_MAX_MODEL_LEN ?? '0').trim().toLowerCase());
  const lenCheck = config ? checkMaxLen(config, serve.maxModelLen, allowLong, serve.model) : null;
  const maxModelLen = lenCheck?.maxModelLen ?? serve.maxModelLen ?? 16384; // no config: 16K (DeepSeek-Coder window)

  log(`INFO ${stamp()} [__init__.py:43] Available plugins for group vllm.platform_plugins:`);
  log(`INFO ${stamp()} [__init__.py:45] - ascend -> vllm_ascend:register`);
  log(`INFO ${stamp()} [__init__.py:235] Platform plugin ascend is activated`);
  if (!d.headless) log(`INFO ${stamp()} [api_server.py:1839] vLLM API server version ${VLLM_VERSION}`);
  log(`INFO ${stamp()} [utils.py:328] non-default args: {'model': '${serve.model}', 'served_model_name': ${JSON.stringify(serve.servedModelNames)}}`);
  // What the config dataclasses refuse (docs/vllm-startup-refusals.md): ModelConfig first, then VllmConfig.
  if (lenCheck?.error) return fail(lenCheck.error);
  if (lenCheck?.warning) log(`WARNING ${stamp()} [model.py:2243] ${lenCheck.warning}`);
  const headsErr = config ? checkHeads(config, serve.tp, serve.model) : null;
  if (headsErr) return fail(headsErr);

  if (container) {
    const p = startupProblem(container, serve, d.local);
    if (p) { await sleep(Math.min(400, startupMs / 4)); return fail(p); }
  }
  // Multi-node data parallel (docs/multi-node.md §2): the head listens for the other nodes' engines; a headless node
  // registers its engines there and waits for the head's answer before it loads anything.
  let head = null;
  let joined = null;
  if (d.multiNode && !d.headless) {
    head = await startHead(d, ownNetns ? '0.0.0.0' : '127.0.0.1', (lines) => fail(lines));
  } else if (d.headless) {
    log(`INFO ${stamp()} [serve.py:227] Launching ${d.local} data parallel engine(s) in headless mode, with head node address tcp://${d.address}:${d.rpcPort}.`);
    joined = joinHead(d);
    if (!(await joined.init(t.handshakeTimeoutMs ?? 300000))) {
      joined.close();
      for (const l of handshakeTimeoutLines()) log(l, 'stderr');
      // run_headless returns normally after its engines died: the process exits 0.
      log(`INFO ${stamp()} [serve.py:259] Shutting down.`);
      return exit(0);
    }
  }
  await sleep(startupMs * 0.25);
  log(`INFO ${stamp()} [model.py:547] Resolved architecture: ${config?.architectures?.[0] ?? 'LlamaForCausalLM'}`);
  log(`INFO ${stamp()} [model.py:1510] Using max model len ${maxModelLen}`);
  if (container) {
    const hbm = hbmProblem(container, serve, cdir, d.local);
    if (hbm) return fail(hbm);
    startWorkers(cdir);
  }
  log(`INFO ${stamp()} [model_runner_v1.py:2254] Starting to load model ${serve.model}...`);
  await sleep(startupMs * 0.35);
  // An engine process that dies while starting: its error, then how the API server (or a headless node) reacts.
  const engineFailed = (lines) => {
    for (const l of [`ERROR ${stamp()} [core.py:1195] EngineCore failed to start.`, 'Traceback (most recent call last):', ...lines]) log(l, 'stderr');
    if (joined) { joined.close(); log(`INFO ${stamp()} [serve.py:259] Shutting down.`); return exit(0); }
    return fail([engineInitFailed(d.dp > 1 ? d.ranks : null)]);
  };
  const lp = loadProblem(modelDir, config, stateDir ? hostInfo(stateDir).profile : undefined, String(serve.opts.dtype ?? 'auto'));
  if (lp) return engineFailed(lp);
  log(`INFO ${stamp()} [default_loader.py:262] Loading weights took ${(startupMs * 0.35 / 1000).toFixed(2)} seconds`);
  if (d.multiNode) {
    // HCCL link setup across the nodes (docs/multi-node.md §5): all ranks, links UP, one TLS setting, in time.
    const timeout = Number(container?.env?.HCCL_CONNECT_TIMEOUT ?? process.env.HCCL_CONNECT_TIMEOUT ?? 120);
    const report = () => npuReport(serve, d.local);
    const ok = joined ? await joined.waitHcclOk(timeout, report) : await head.waitHccl(timeout, report);
    if (!ok) {
      for (const r of d.ranks) for (const l of hcclTimeoutLines({ role: joined ? 1 : 0, rank: r * serve.tp, timeout })) log(l, 'stderr');
      if (joined) { joined.close(); log(`INFO ${stamp()} [serve.py:259] Shutting down.`); return exit(0); }
      return fail([engineInitFailed(d.ranks)]);
    }
  }
  const plan = kvPlan(serve, d, modelDir, config);
  if (plan) {
    const kv = kvProblem(plan, maxModelLen);
    if (kv) return engineFailed([kv]);
  }
  log(`INFO ${stamp()} [worker_v1.py:235] Available KV cache memory: ${plan ? (plan.available / 1024 ** 3).toFixed(2) : '12.40'} GiB`);
  log(`INFO ${stamp()} [kv_cache_utils.py:1087] GPU KV cache size: ${(plan ? Math.floor(plan.available / plan.kvPerToken) : 101504).toLocaleString('en-US')} tokens`);
  await sleep(startupMs * 0.4);
  if (joined) {
    // A headless node serves no API: its engines run until the container is stopped.
    setInterval(() => {}, 1 << 30);
    return;
  }

  const docs = loadCorpus([stateDir ? join(stateDir, 'corpus') : '', ...(process.env.SIMHOST_CORPUS ? process.env.SIMHOST_CORPUS.split(':') : [])].filter(Boolean));
  // vLLM takes VLLM_API_KEY when --api-key is absent (vllm/entrypoints/openai/api_server.py build_app).
  const apiKeys = serve.apiKeys.length ? serve.apiKeys : container?.env?.VLLM_API_KEY ? [container.env.VLLM_API_KEY] : [];
  const handler = makeHandler({
    kind: serve.kind, servedModelNames: serve.servedModelNames, model: serve.model, apiKeys,
    maxModelLen, docs, latency: lat, log,
    onActivity: (running) => { if (cdir) writeJson(join(cdir, 'activity.json'), { running, at: Date.now() }); },
  });
  const server = createServer(handler);
  // A container whose port is not published still runs: keep the process alive without a listener.
  setInterval(() => {}, 1 << 30);
  server.keepAliveTimeout = 5000;
  // Inside a container vLLM listens on 0.0.0.0:<port>; docker publishes it on the host (loopback only here).
  const listen = !container ? [{ host: '127.0.0.1', port: serve.port }]
    : container.network === 'host' ? [{ host: ownNetns ? '0.0.0.0' : '127.0.0.1', port: serve.port }]
      : container.listen.filter((l) => l.containerPort === serve.port).map((l) => ({ host: l.host, port: l.hostPort }));
  for (const l of listen) {
    await new Promise((res, rej) => { server.once('error', rej); server.listen(l.port, l.host, () => { server.off('error', rej); res(); }); })
      .catch((e) => fail([`OSError: [Errno 98] error while attempting to bind on address ('${l.host}', ${l.port}): ${e.code === 'EADDRINUSE' ? 'address already in use' : e.message}`]));
  }
  log(`INFO ${stamp()} [api_server.py:1870] Starting vLLM API server 0 on http://${serve.opts.host ?? '0.0.0.0'}:${serve.port}`);
  log(`INFO ${stamp()} [launcher.py:29] Available routes are:`);
  for (const r of ['/health', '/metrics', '/version', '/v1/models', '/v1/completions', '/v1/chat/completions']) log(`INFO ${stamp()} [launcher.py:37] Route: ${r}`);
  log('INFO:     Started server process [1]');
  log('INFO:     Waiting for application startup.');
  log('INFO:     Application startup complete.');
  if (!cdir && process.send) process.send({ ready: true, port: listen[0]?.port });
}

main().catch((e) => fail([`RuntimeError: ${e?.stack ?? e}`]));
