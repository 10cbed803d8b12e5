// Shared set-up of the remote benchmarks (the benchmark): the simulated host (real OpenSSH sshd with
// Debian's /usr/lib/openssh/sftp-server), a sandbox HOME whose ~/.ssh/config names it (for our client and for
// OpenSSH's scp alike), fresh connection pools (each one a new SSH connection, as one CLI run makes), the
// build contexts, and the small statistics the reports print.
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { loadavg, tmpdir, userInfo, cpus } from 'node:os';
import { join } from 'node:path';
import { startSimHost, type SimHost, type Latency } from '../../host/index';
import { ConnectionPool } from '../../../src/core/ssh/connection-pool';
import { hostConnector } from '../../../src/core/ssh/host-connector';
import { SshHostShell } from '../../../src/core/ssh/ssh-shell';
import type { RunContext } from '../../../src/core/remote/index';

export const MiB = 1024 * 1024;

export interface BenchHost {
  sim: SimHost;
  /** Sandbox HOME: ~/.ssh/config holds the simulated host's Host block. */
  home: string;
  sshConfig: string;
  env: NodeJS.ProcessEnv;
  /** A RunContext over a new pool (a new SSH connection on first use); dispose() closes it. */
  freshCtx(extra?: Partial<RunContext>, debug?: (m: string) => void): { ctx: RunContext; pool: ConnectionPool; dispose(): void };
  done(): Promise<void>;
}

export async function benchHost(latency: Partial<Latency> = {}): Promise<BenchHost> {
  const sim = await startSimHost({ profile: '910b4', latency });
  const home = mkdtempSync(join(tmpdir(), 'bench-remote-home-'));
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const sshConfig = join(home, '.ssh', 'config');
  writeFileSync(sshConfig, readFileSync(sim.sshConfigPath, 'utf8'));
  const env: NodeJS.ProcessEnv = {
    HOME: home, USER: userInfo().username, PATH: process.env.PATH,
    ASCEND_LLM_HOSTS: JSON.stringify({ [sim.alias]: { ascendPrefix: sim.ascendPrefix, devPrefix: sim.devPrefix, etcPrefix: sim.etcPrefix, usrLocalPrefix: sim.usrLocalPrefix } }),
  };
  return {
    sim, home, sshConfig, env,
    freshCtx(extra = {}, debug) {
      const pool = new ConnectionPool({ connect: hostConnector({ home, localUser: userInfo().username }, { debug }), initialDelayMs: 100, maxDelayMs: 500 });
      const ctx: RunContext = {
        alias: sim.alias, shell: new SshHostShell(sim.alias, () => pool.get(sim.alias)),
        paths: { ascendPrefix: sim.ascendPrefix, devPrefix: sim.devPrefix, etcPrefix: sim.etcPrefix, usrLocalPrefix: sim.usrLocalPrefix },
        log: () => undefined, ...extra,
      };
      return { ctx, pool, dispose: () => pool.dispose() };
    },
    async done() {
      await sim.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Incompressible bytes (neither ssh2 nor OpenSSH compresses by default, but no side should get a free ride). */
function writeRandom(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  const buf = Buffer.allocUnsafe(Math.min(bytes, 4 * MiB));
  try {
    for (let left = bytes; left > 0;) {
      const n = Math.min(left, buf.length);
      randomFillSync(buf, 0, n);
      writeSync(fd, buf, 0, n);
      left -= n;
    }
  } finally {
    closeSync(fd);
  }
}

/** Sizes of the small files: a source-tree-like spread, mean 16 KiB. */
const SMALL_SIZES = [1, 2, 4, 8, 12, 16, 24, 32, 48].map((k) => k * 1024); // mean 16.3 KiB

export interface ContextShape {
  dir: string;
  files: number;
  bytes: number;
  large: number[];
  smallFiles: number;
  smallBytes: number;
}

/**
 * The 200 MiB build context: what an image build for vllm-ascend typically carries. Three large artefacts
 * (wheels / a tarball: 96 + 48 + 24 MiB) and 32 MiB of small files (about 2,000 files of 1–48 KiB, mean 16 KiB,
 * in folders of 32: a source tree), plus the Dockerfile and a .dockerignore that excludes nothing present.
 * `largeOnly`: one single file of the whole size instead.
 */
export function makeContext(root: string, totalMiB = 200, largeOnly = false): ContextShape {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'Dockerfile'), 'FROM quay.io/ascend/vllm-ascend:v0.23.0\nCOPY wheels/ /tmp/wheels/\nRUN pip install /tmp/wheels/*.whl\nCOPY src/ /workspace/src/\n');
  writeFileSync(join(root, '.dockerignore'), '.git\n**/__pycache__\n*.pyc\n');
  if (largeOnly) {
    writeRandom(join(root, 'model-shard.bin'), totalMiB * MiB);
    return shapeOf(root, [totalMiB * MiB], 0);
  }
  const largeMiB = [96, 48, 24].map((m) => Math.round((m * totalMiB) / 200));
  mkdirSync(join(root, 'wheels'));
  const names = ['torch_npu-2.5.1-cp311-cp311-linux_aarch64.whl', 'vllm_ascend-0.23.0-cp311-cp311-linux_aarch64.whl', 'assets.tar'];
  largeMiB.forEach((m, i) => writeRandom(join(root, 'wheels', names[i]), m * MiB));
  const smallTarget = totalMiB * MiB - largeMiB.reduce((a, b) => a + b, 0) * MiB;
  let made = 0;
  let n = 0;
  while (made < smallTarget) {
    const dir = join(root, 'src', `pkg${String(Math.floor(n / 32)).padStart(2, '0')}`);
    if (n % 32 === 0) mkdirSync(dir, { recursive: true });
    const size = Math.min(SMALL_SIZES[n % SMALL_SIZES.length], smallTarget - made);
    writeRandom(join(dir, `mod${String(n % 32).padStart(2, '0')}.py`), size);
    made += size;
    n++;
  }
  return shapeOf(root, largeMiB.map((m) => m * MiB), n);
}

function shapeOf(dir: string, large: number[], smallFiles: number): ContextShape {
  const t = treeSize(dir);
  return { dir, files: t.files, bytes: t.bytes, large, smallFiles, smallBytes: t.bytes - large.reduce((a, b) => a + b, 0) };
}

/** Files and bytes under a folder (to check that an upload arrived whole). */
export function treeSize(dir: string, skip: (name: string) => boolean = () => false): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (skip(e.name)) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) { files++; bytes += statSync(p).size; }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** Flushes dirty pages (the previous upload's writeback) so they don't land in the next timed run. */
export function flushDisk(): void {
  execFileSync('sync');
}

export const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const r = (p / 100) * (s.length - 1);
  const lo = Math.floor(r);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (r - lo);
};

export function machine(): Record<string, string> {
  const lscpu = (() => {
    try { return (execFileSync('lscpu', { encoding: 'utf8' }).match(/Model name:\s*(.*)/)?.[1] ?? '').trim(); } catch { return cpus()[0]?.model ?? ''; }
  })();
  return { nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(), cpu: lscpu, node: process.version, date: new Date().toISOString() };
}

export const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' / ');

export function argOf(args: readonly string[], flag: string, d: number): number {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : d;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
