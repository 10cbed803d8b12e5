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
import { startupProblem, loadProblem, hbmProblem } from './startup-checks.mjs';
import { hostInfo, latency, readJson, writeJson } from '../shims/lib/state.mjs';

const argv = process.argv.slice(2);
const cdir = argv[0] === '--container' ? argv[1] : null;
const container = cdir ? readJson(join(cdir, 'container.json'), null) : null;
const stateDir = process.env.SIMHOST_STATE ?? null;
const lat = () => (stateDir ? latency(stateDir) : { ttftMs: 80, itlMs: 20, jitterMs: 0, maxConcurrency: 4, startupMs: 500 });

// vLLM runs one worker process per tensor-parallel rank beyond the first, each holding its own NPU: npu-smi lists
// one PID per NPU and `docker top` lists them all. Each stand-in ends when this server does.
const WORKER = 'const p = Number(process.argv[1]); process.title = process.argv[2]; setInterval(() => { try { process.kill(p, 0); } catch { process.exit(0); } }, 300);';
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
    if (e instanceof UnrecognizedArguments) { for (const l of ['usage: vllm serve [model_tag] [options]', e.message]) log(l, 'stderr'); return exit(2); }
    return fail([`ValueError: ${e.message}`]);
  }
  if (container && serve.kind === 'none') {
    // Not a vLLM server command (e.g. the image's default `bash` without a TTY): exits at once.
    return exit(0);
  }
  const t = lat();
  const startupMs = t.startupMs ?? 3000;
  const modelDir = hostPath(serve.model);
  const config = readJson(join(modelDir, 'config.json'), null);
  const maxModelLen = serve.maxModelLen ?? config?.max_position_embeddings ?? 16384; // no config: 16K (DeepSeek-Coder window)

  log(`INFO ${stamp()} [__init__.py:43] Available plugins for group vllm.platform_plugins:`);
  log(`INFO ${stamp()} [__init__.py:45] - ascend -> vllm_ascend:register`);
  log(`INFO ${stamp()} [__init__.py:235] Platform plugin ascend is activated`);
  log(`INFO ${stamp()} [api_server.py:1839] vLLM API server version ${VLLM_VERSION}`);
  log(`INFO ${stamp()} [utils.py:328] non-default args: {'model': '${serve.model}', 'served_model_name': ${JSON.stringify(serve.servedModelNames)}}`);

  if (container) {
    const p = startupProblem(container, serve);
    if (p) { await sleep(Math.min(400, startupMs / 4)); return fail(p); }
  }
  await sleep(startupMs * 0.25);
  log(`INFO ${stamp()} [model.py:547] Resolved architecture: ${config?.architectures?.[0] ?? 'LlamaForCausalLM'}`);
  log(`INFO ${stamp()} [model.py:1510] Using max model len ${maxModelLen}`);
  if (container) {
    const hbm = hbmProblem(container, serve, cdir);
    if (hbm) return fail(hbm);
    startWorkers(cdir);
  }
  log(`INFO ${stamp()} [model_runner_v1.py:2254] Starting to load model ${serve.model}...`);
  await sleep(startupMs * 0.35);
  const lp = loadProblem(modelDir, config, container ? hostInfo(stateDir).profile : undefined, String(serve.opts.dtype ?? 'auto'));
  if (lp) return fail(lp);
  log(`INFO ${stamp()} [default_loader.py:262] Loading weights took ${(startupMs * 0.35 / 1000).toFixed(2)} seconds`);
  log(`INFO ${stamp()} [worker_v1.py:235] Available KV cache memory: 12.40 GiB`);
  log(`INFO ${stamp()} [kv_cache_utils.py:1087] GPU KV cache size: 101,504 tokens`);
  await sleep(startupMs * 0.4);

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
    : container.network === 'host' ? [{ host: '127.0.0.1', port: serve.port }]
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
