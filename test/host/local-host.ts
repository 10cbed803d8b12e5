// The simulated Kunpeng + Ascend host laid out for LOCAL use (target.host: local): the same shims (npu-smi,
// docker, msmodelslim, the download tools, uname/lscpu/numactl/python3 — and the simulated vLLM the docker shim
// runs), prefixes and state as startSimHost(), but no sshd. A process sees the host when it runs with `env`
// (the shims first on PATH, HOME set to the host's home; the shims mark their own processes for stop()): code-server started that way is "VS Code on the
// Ascend server", and `ascend.hosts.local` takes the prefixes.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { makeControl, type SimHostControl } from './control.js';
import { containerPids, writeShims } from './shim-wrappers.js';
import { writeAscendPrefix, writeDeviceNodes, writeUsrLocal } from './prefix.js';
import { hostProcesses, killAll } from './cleanup.js';
import { PROFILE_FACTS, type ProfileName } from './profile-facts.js';
import { DEMO_CORPUS_FILE } from './demo-workspace.js';
import type { Latency } from './control.js';

export interface LocalSimHost {
  /** The shims' folder: first on PATH. */
  binDir: string;
  home: string;
  ascendPrefix: string;
  devPrefix: string;
  etcPrefix: string;
  usrLocalPrefix: string;
  stateDir: string;
  control: SimHostControl;
  /** Environment of a process that runs "on" the host: PATH with the shims first, HOME, the state marker. */
  env: Record<string, string>;
  /** The `ascend.hosts.local` entry (and ASCEND_LLM_HOSTS for the CLI). */
  hostsEntry: { ascendPrefix: string; devPrefix: string; etcPrefix: string; usrLocalPrefix: string };
  stop(): Promise<void>;
}

const HOST_ROOT = resolve(__dirname);
const DEFAULT_IMAGES = ['quay.io/ascend/vllm-ascend:v0.23.0', 'quay.io/ascend/vllm-ascend:v0.23.0-310p'];

export function layOutLocalHost(opts: { profile?: ProfileName; latency?: Partial<Latency>; corpus?: string[] } = {}): LocalSimHost {
  const profile = opts.profile ?? '910b4';
  const facts = PROFILE_FACTS[profile];
  if (!facts) throw new Error(`unknown profile ${profile}`);
  const base = mkdtempSync(join(tmpdir(), 'simhost-local-'));
  chmodSync(base, 0o755);
  const d = (...p: string[]): string => { const x = join(base, ...p); mkdirSync(x, { recursive: true }); return x; };
  const home = d('home');
  const stateDir = d('state');
  const binDir = d('bin');
  const ascendPrefix = join(home, 'Ascend');
  const devPrefix = d('fs', 'dev');
  const etcPrefix = d('fs', 'etc');
  const usrLocalPrefix = d('fs', 'usr', 'local');
  writeAscendPrefix(ascendPrefix, etcPrefix, facts);
  writeDeviceNodes(devPrefix, facts.logicCount);
  writeUsrLocal(usrLocalPrefix);
  writeShims(binDir, stateDir);
  // A login shell of this HOME puts the shims first too, as a CANN install's profile lines put npu-smi on PATH:
  // VS Code's server (Remote-SSH, code-server) takes the extension host's PATH from a login shell, not from the
  // process that started it.
  const shellProfile = `export PATH='${binDir}':"$PATH"\n`;
  for (const f of ['.profile', '.bashrc']) writeFileSync(join(home, f), shellProfile);
  for (const [fam, file] of [['DeepSeek', 'quant_deepseek.py'], ['Qwen', 'quant_qwen.py'], ['Llama', 'quant_llama.py']]) {
    writeFileSync(join(d('home', 'msmodelslim', 'example', fam), file), '# msModelSlim V0 example script (simulated host: run with python3, handled by the simulator)\n');
  }
  mkdirSync(join(stateDir, 'containers'), { recursive: true });
  const corpusDir = d('state', 'corpus');
  for (const f of opts.corpus ?? [DEMO_CORPUS_FILE]) copyFileSync(f, join(corpusDir, basename(f)));
  const now = Math.floor(Date.now() / 1000);
  writeFileSync(join(stateDir, 'images.json'), JSON.stringify(DEFAULT_IMAGES.map((ref, i) => ({
    ref, id: `sha256:${(i + 1).toString(16).padStart(2, '0')}${'a1b2c3d4e5f6'.repeat(5)}`.slice(0, 71), created: now - 86400 * 3, sizeMb: 15800,
  }))));
  writeFileSync(join(stateDir, 'host.json'), JSON.stringify({
    profile, ascendPrefix, devPrefix, etcPrefix, usrLocalPrefix, home, hostRoot: HOST_ROOT, nodePath: process.execPath,
  }));
  const control = makeControl(stateDir);
  if (opts.latency) control.setLatency(opts.latency);
  let stopped = false;
  return {
    binDir, home, ascendPrefix, devPrefix, etcPrefix, usrLocalPrefix, stateDir, control,
    env: { PATH: `${binDir}:/usr/local/bin:/usr/bin:/bin`, HOME: home },
    hostsEntry: { ascendPrefix, devPrefix, etcPrefix, usrLocalPrefix },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (let round = 0; round < 3; round++) {
        const pids = [...hostProcesses(stateDir, []), ...containerPids(stateDir)];
        if (pids.length === 0) break;
        await killAll([...new Set(pids)]);
      }
      if (!process.env.SIMHOST_KEEP) rmSync(base, { recursive: true, force: true });
    },
  };
}

