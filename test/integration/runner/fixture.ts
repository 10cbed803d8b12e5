/**
 * Shared set-up of the runner tests: a simulated host (real sshd), a sandbox HOME whose ~/.ssh/config names
 * it, a collecting CliIO, and descriptor files. The CLI commands are run exactly as `ascend-llm` runs them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { stringify } from 'yaml';
import { startSimHost, type SimHost } from '../../host/index';
import type { RemoteIO } from '../../../src/cli/remote-context';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import type { RunContext } from '../../../src/core/remote/runner/index';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface Sandbox {
  sim: SimHost;
  home: string;
  env: NodeJS.ProcessEnv;
  pool: ConnectionPool;
  port: number;
  ctx(extra?: Partial<RunContext>): RunContext;
  /** Writes a descriptor (deep-merged over the default) and returns its path. */
  descriptor(over?: Record<string, unknown>, file?: string): string;
  done(): Promise<void>;
}

export interface Collected extends RemoteIO {
  out: string;
  err: string;
}

export function collectingIo(env: NodeJS.ProcessEnv, cwd: string, signal?: AbortSignal): Collected {
  const io: Collected = {
    out: '', err: '', env, cwd, signal,
    stdout: (s) => { io.out += s; },
    stderr: (s) => { io.err += s; },
    readStdin: async () => '',
  };
  return io;
}

export function baseDescriptor(alias: string, home: string, port: number): Record<string, unknown> {
  return {
    version: 1,
    name: 'coder',
    target: { host: alias, chip: '910B4', vllmAscend: 'v0.23.0' },
    model: { id: 'deepseek-ai/deepseek-coder-1.3b-base', source: 'modelscope', hostPath: `${home}/models/deepseek-coder-1.3b-base` },
    image: { tag: 'quay.io/ascend/vllm-ascend:v0.23.0' },
    runtime: { npus: [0, 1], shmSize: '1g', publish: { address: '127.0.0.1', port } },
    serve: { 'served-model-name': 'deepseek-coder', 'max-model-len': 4096, 'tensor-parallel-size': 2 },
  };
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
      ? merge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

export async function sandbox(opts: { strict?: string } = {}): Promise<Sandbox> {
  const sim = await startSimHost({ profile: '910b4', latency: { startupMs: 800, quantMs: 20000 } });
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'runner-home-'));
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  let config = readFileSync(sim.sshConfigPath, 'utf8');
  if (opts.strict) config = config.replace(/StrictHostKeyChecking \S+/, `StrictHostKeyChecking ${opts.strict}`);
  writeFileSync(join(home, '.ssh', 'config'), config);
  const env: NodeJS.ProcessEnv = {
    HOME: home, USER: userInfo().username, PATH: process.env.PATH,
    ASCEND_LLM_HOSTS: JSON.stringify({ [sim.alias]: { ascendPrefix: sim.ascendPrefix, devPrefix: sim.devPrefix, etcPrefix: sim.etcPrefix, usrLocalPrefix: sim.usrLocalPrefix } }),
  };
  const pool = new ConnectionPool({ connect: hostConnector({ home, localUser: userInfo().username }, {}), initialDelayMs: 100, maxDelayMs: 500 });
  let n = 0;
  return {
    sim, home, env, pool, port,
    ctx: (extra = {}) => ({
      alias: sim.alias, client: () => pool.get(sim.alias),
      paths: { ascendPrefix: sim.ascendPrefix, devPrefix: sim.devPrefix, etcPrefix: sim.etcPrefix, usrLocalPrefix: sim.usrLocalPrefix },
      log: () => undefined, pollMs: 200, healthTimeoutMs: 30000, ...extra,
    }),
    descriptor(over = {}, file) {
      const path = join(home, file ?? `ascend-deploy-${++n}.yaml`);
      writeFileSync(path, stringify(merge(baseDescriptor(sim.alias, sim.home, port), over)));
      return path;
    },
    async done() {
      pool.dispose();
      await sim.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
