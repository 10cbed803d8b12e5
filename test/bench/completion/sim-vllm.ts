/**
 * Starts the project's simulated vLLM (test/host/vllm-sim/server.mjs) standalone on loopback, with the oracle
 * corpus set to the traces' final files, so it answers with the true continuation like a good model would.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/ports';

export interface SimServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `inNetns`: run it inside that network namespace (root), on its loopback at `port`. */
export async function startSimVllm(corpus: Record<string, string>, latency: { ttftMs: number; itlMs: number },
  where: { inNetns?: string; port?: number } = {}): Promise<SimServer> {
  const dir = mkdtempSync(join(tmpdir(), 'completion-bench-'));
  const state = join(dir, 'state');
  mkdirSync(join(state, 'corpus'), { recursive: true });
  for (const [name, text] of Object.entries(corpus)) writeFileSync(join(state, 'corpus', name), text);
  writeFileSync(join(state, 'latency.json'), JSON.stringify({ ...latency, jitterMs: 0, maxConcurrency: 4, startupMs: 0 }));
  const model = join(dir, 'model');
  mkdirSync(model);
  writeFileSync(join(model, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], max_position_embeddings: 16384 }));
  const port = where.port ?? await freePort();
  const server = join(__dirname, '..', '..', 'host', 'vllm-sim', 'server.mjs');
  const child = fork(server, ['vllm', 'serve', model, '--port', String(port), '--served-model-name', 'deepseek-coder'], {
    env: { ...process.env, SIMHOST_STATE: state }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // `ip netns exec` keeps the IPC channel's descriptor and environment, so fork works through it.
    ...(where.inNetns ? { execPath: 'ip', execArgv: ['netns', 'exec', where.inNetns, process.execPath] } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('simulated vLLM did not start')), 15_000);
    child.on('message', (m: { ready?: boolean }) => { if (m.ready) { clearTimeout(timer); resolve(); } });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`simulated vLLM exited with ${code}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
