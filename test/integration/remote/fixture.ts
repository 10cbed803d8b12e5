/**
 * Shared set-up of the runner tests: a simulated host (real sshd), a sandbox HOME whose ~/.ssh/config names
 * it, a collecting CliIO, and descriptor files. The CLI commands are run exactly as `ascend-llm` runs them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { connect } from 'node:net';
import { get } from 'node:http';
import { stringify } from 'yaml';
import { startLocalForward } from '../../../src/core/ssh/port-forward';
import { startSimHost, type SimHost } from '../../host/index';
import type { RemoteIO } from '../../../src/cli/remote-context';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import { recordUploadConsent, type RunContext } from '../../../src/core/remote/index';
export { freePort } from '../../support/ports';
export { waitFor } from '../../support/wait';
import { waitFor } from '../../support/wait';
import { freePort } from '../../support/ports';

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

export interface SandboxOptions {
  strict?: string;
  /** Root only: the host in its own network namespace (sim.netns.cut() cuts the link). */
  netns?: boolean;
  /** Extra ssh_config lines for the host's block (e.g. `ServerAliveInterval 1`). */
  sshOptions?: string[];
  startupMs?: number;
  /** false: the host's sshd offers no sftp subsystem (uploads fall back to exec). */
  sftp?: boolean;
  /** false: no upload consent recorded for the host (default: recorded, as after one `--allow-upload`). */
  uploadConsent?: boolean;
}

export async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sim = await startSimHost({ profile: '910b4', netns: opts.netns, latency: { startupMs: opts.startupMs ?? 800, quantMs: 20000 }, sftp: opts.sftp });
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'runner-home-'));
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  let config = readFileSync(sim.sshConfigPath, 'utf8');
  if (opts.strict) config = config.replace(/StrictHostKeyChecking \S+/, `StrictHostKeyChecking ${opts.strict}`);
  if (opts.sshOptions?.length) config = `${config.trimEnd()}\n${opts.sshOptions.map((l) => `  ${l}`).join('\n')}\n`;
  writeFileSync(join(home, '.ssh', 'config'), config);
  if (opts.uploadConsent !== false) recordUploadConsent(join(home, '.config', 'ascend-llm', 'upload-consent.json'), sim.alias);
  const env: NodeJS.ProcessEnv = {
    HOME: home, USER: userInfo().username, PATH: process.env.PATH,
    ASCEND_LLM_HOSTS: JSON.stringify({ [sim.alias]: { ascendPrefix: sim.ascendPrefix, devPrefix: sim.devPrefix, etcPrefix: sim.etcPrefix, usrLocalPrefix: sim.usrLocalPrefix } }),
  };
  const pool = new ConnectionPool({ connect: hostConnector({ home, localUser: userInfo().username }, {}), initialDelayMs: 100, maxDelayMs: 500 });
  let n = 0;
  return {
    sim, home, env, pool, port,
    ctx: (extra = {}) => ({
      alias: sim.alias, shell: new SshHostShell(sim.alias, () => pool.get(sim.alias)),
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

/** A container of the simulated host, read from its state folder (the host's truth, not through SSH). */
export interface HostContainer { id: string; name: string; running: boolean; created: number; pid: number; ports: number[] }

export function hostContainers(sim: SimHost): HostContainer[] {
  const root = join(sim.stateDir, 'containers');
  const out: HostContainer[] = [];
  for (const id of readdirSync(root)) {
    const read = (f: string): Record<string, unknown> | undefined => {
      try { return JSON.parse(readFileSync(join(root, id, f), 'utf8')) as Record<string, unknown>; } catch { return undefined; }
    };
    const c = read('container.json');
    if (!c) continue;
    const pid = Number(read('pid.json')?.pid ?? 0);
    const running = !read('exit.json') && pid > 0 && alive(pid);
    out.push({ id, name: String(c.name), running, created: Number(c.created), pid, ports: (c.ports as Array<{ hostPort: number }>).map((p) => p.hostPort) });
  }
  return out.sort((a, b) => a.created - b.created);
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

/**
 * Kills the simulated host's sshd (the listener and every per-connection sshd, as a crash or `kill -9` would;
 * detached jobs are not its children and go on) and starts it again on the same port, config and host key.
 * In a network namespace it is started there again. dispose() ends an sshd started here.
 */
export function sshdControl(sim: SimHost): { kill(): Promise<void>; restart(): Promise<void>; dispose(): void } {
  const dir = dirname(sim.sshdLogPath);
  const config = join(dir, 'sshd_config');
  let restarted: ChildProcess | undefined;
  const procs = (): Array<{ pid: number; ppid: number; cmd: string; comm: string }> => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(/\) \S (\d+)/.exec(stat)?.[1] ?? 0);
      return [{ pid, ppid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '), comm: readFileSync(`/proc/${pid}/comm`, 'utf8').trim() }];
    } catch { return []; }
  });
  const listening = (): Promise<boolean> => new Promise((r) => {
    const c = connect(sim.port, sim.host);
    c.once('connect', () => { c.destroy(); r(true); });
    c.once('error', () => r(false));
  });
  return {
    async kill() {
      const all = procs();
      const tree = new Set(all.filter((p) => p.comm === 'sshd' && p.cmd.includes(config)).map((p) => p.pid));
      for (let grew = true; grew;) {
        grew = false;
        for (const p of all) if (tree.has(p.ppid) && !tree.has(p.pid) && p.comm === 'sshd') { tree.add(p.pid); grew = true; }
      }
      if (tree.size === 0) throw new Error('no sshd found for this host');
      for (const pid of tree) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      await waitFor('sshd to die', async () => !(await listening()) && [...tree].every((p) => !alive(p)), 10_000);
    },
    async restart() {
      const argv = ['/usr/sbin/sshd', '-D', '-f', config, '-E', sim.sshdLogPath];
      restarted = sim.netns ? spawn('ip', ['netns', 'exec', sim.netns.name, ...argv], { stdio: 'ignore' }) : spawn(argv[0], argv.slice(1), { stdio: 'ignore' });
      await waitFor('sshd to listen again', listening, 10_000);
    },
    dispose() { if (restarted?.exitCode === null) restarted.kill('SIGKILL'); },
  };
}

/** GET /v1/models of the host's loopback `port`, through an SSH forward of the sandbox's pool. */
export function servedModels(s: Sandbox, port: number): Promise<string> {
  return startLocalForward(() => s.pool.get(s.sim.alias), port).then((fwd) => new Promise<string>((resolve, reject) => {
    get({ host: '127.0.0.1', port: fwd.localPort, path: '/v1/models' }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  }).finally(() => fwd.close()));
}
