// The simulated Kunpeng + Ascend host (docs/contracts.md §7): a real OpenSSH sshd on 127.0.0.1 (or in
// a network namespace when root and asked), whose sessions see the shims first on PATH and HOME set to the
// host's own folder.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve, basename } from 'node:path';
import { makeControl, type FaultName, type Latency, type SimHostControl } from './control.js';
import { writeAscendPrefix, writeDeviceNodes, writeUsrLocal } from './prefix.js';
import { hostProcesses, killAll } from './cleanup.js';
import { PROFILE_FACTS, type ProfileName } from './profile-facts.js';
import { setupNetns, type Netns } from './netns.js';
import { DEMO_CORPUS_FILE } from './demo-workspace.js';
import { containerPids, writeShims } from './shim-wrappers.js';
import { freePort } from '../support/ports';

export type { FaultName, Latency, SimHostControl, ProfileName };

export interface SimHostOptions {
  profile?: ProfileName; // default '910b4' (Atlas 800I A2, 8x 910B4)
  netns?: boolean; // root only: sshd in its own network namespace with its own address
  latency?: Partial<Latency>;
  faults?: FaultName[];
  alias?: string; // Host alias in the generated ssh_config; default 'kunpeng-01'
  corpus?: string[]; // source files the simulated model "knows" (continuation oracle); default: the demo Python file
  images?: string[]; // images already present in `docker images`; default: the v0.23.0 A2/310P images
  sftp?: boolean; // offer the sftp subsystem (default true); false: an sshd without it, so uploads fall back to exec
}

export interface SimHost {
  alias: string;
  host: string;
  port: number;
  user: string;
  keyPath: string;
  knownHostsLine: string;
  sshConfigPath: string; // contains only this host's `Host` block
  knownHostsPath: string;
  home: string; // HOME inside the host's sessions
  ascendPrefix: string; // for the `ascend.hosts` setting
  devPrefix: string; // for the `ascend.hosts` setting
  etcPrefix: string; // holds ascend_install.info
  usrLocalPrefix: string; // holds bin/npu-smi and dcmi stand-ins
  sshdLogPath: string;
  stateDir: string;
  control: SimHostControl;
  netns?: Netns;
  stop(): Promise<void>;
}

const HOST_ROOT = resolve(__dirname);
const DEFAULT_IMAGES = ['quay.io/ascend/vllm-ascend:v0.23.0', 'quay.io/ascend/vllm-ascend:v0.23.0-310p'];

async function waitForPort(host: string, port: number, timeoutMs: number, proc: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`sshd exited with ${proc.exitCode}`);
    const ok = await new Promise<boolean>((r) => {
      const c = connect(port, host);
      c.once('connect', () => { c.destroy(); r(true); });
      c.once('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`sshd did not listen on ${host}:${port}`);
}

export async function startSimHost(opts: SimHostOptions = {}): Promise<SimHost> {
  return startNode(opts);
}

/** How a cluster places one of its nodes (test/host/cluster.ts). */
export interface NodePlacement { netns: Netns; nodeIndex: number; clusterFile: string }

/** startSimHost, or one node of a simulated cluster when `placement` is given (its namespace already set up). */
export async function startNode(opts: SimHostOptions, placement?: NodePlacement): Promise<SimHost> {
  const profile = opts.profile ?? '910b4';
  const facts = PROFILE_FACTS[profile];
  if (!facts) throw new Error(`unknown profile ${profile}`);
  const base = mkdtempSync(join(tmpdir(), 'simhost-'));
  chmodSync(base, 0o755);
  const d = (...p: string[]): string => { const x = join(base, ...p); mkdirSync(x, { recursive: true }); return x; };
  const sshdDir = d('sshd');
  const clientDir = d('client');
  const home = d('home');
  const stateDir = d('state');
  const binDir = d('bin');
  const ascendPrefix = join(home, 'Ascend');
  const devPrefix = d('fs', 'dev');
  const etcPrefix = d('fs', 'etc');
  const usrLocalPrefix = d('fs', 'usr', 'local');
  const user = userInfo().username;
  const alias = opts.alias ?? 'kunpeng-01';

  writeAscendPrefix(ascendPrefix, etcPrefix, facts);
  writeDeviceNodes(devPrefix, facts.logicCount);
  writeUsrLocal(usrLocalPrefix);
  writeShims(binDir, stateDir);
  // hccn_tool also where the driver installs it (the tutorials mount /usr/local/Ascend/driver/tools/hccn_tool).
  copyFileSync(join(binDir, 'hccn_tool'), join(ascendPrefix, 'driver', 'tools', 'hccn_tool'));
  // msModelSlim's V0 example scripts, run by the python3 shim (docs/ascend-facts.md §3).
  for (const [fam, file] of [['DeepSeek', 'quant_deepseek.py'], ['Qwen', 'quant_qwen.py'], ['Llama', 'quant_llama.py']]) {
    const f = join(d('home', 'msmodelslim', 'example', fam), file);
    writeFileSync(f, '# msModelSlim V0 example script (simulated host: run with python3, handled by the simulator)\n');
  }
  mkdirSync(join(stateDir, 'containers'), { recursive: true });
  const corpusDir = d('state', 'corpus');
  for (const f of opts.corpus ?? [DEMO_CORPUS_FILE]) copyFileSync(f, join(corpusDir, basename(f)));
  const now = Math.floor(Date.now() / 1000);
  writeFileSync(join(stateDir, 'images.json'), JSON.stringify((opts.images ?? DEFAULT_IMAGES).map((ref, i) => ({
    ref, id: `sha256:${(i + 1).toString(16).padStart(2, '0')}${'a1b2c3d4e5f6'.repeat(5)}`.slice(0, 71), created: now - 86400 * 3, sizeMb: 15800,
  }))));
  writeFileSync(join(stateDir, 'host.json'), JSON.stringify({
    profile, ascendPrefix, devPrefix, etcPrefix, usrLocalPrefix, home, hostRoot: HOST_ROOT, nodePath: process.execPath,
    // In a namespace of ours the simulated vLLM may listen on every address (nothing else is reachable there).
    nodeIndex: placement?.nodeIndex ?? 0, cluster: placement?.clusterFile, ownNetns: Boolean(placement || (opts.netns && process.getuid?.() === 0)),
  }));
  // /etc/hccn.conf (the tutorials mount it into the container): the NPU addresses hccn_tool starts with. Key names
  // as in public deployment notes (address_i / netmask_i); not in the references we cite.
  writeFileSync(join(etcPrefix, 'hccn.conf'), Array.from({ length: facts.logicCount }, (_, i) =>
    `address_${i}=192.168.${100 + (placement?.nodeIndex ?? 0)}.${11 + i}\nnetmask_${i}=255.255.0.0\n`).join(''));
  const control = makeControl(stateDir);
  if (opts.latency) control.setLatency(opts.latency);
  for (const f of opts.faults ?? []) control.setFault(f, true);

  const hostKey = join(sshdDir, 'hostkey');
  const keyPath = join(clientDir, 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'simhost', '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'simhost-client', '-f', keyPath]);
  writeFileSync(join(sshdDir, 'authorized_keys'), readFileSync(`${keyPath}.pub`));
  chmodSync(join(sshdDir, 'authorized_keys'), 0o600);

  const netns = placement?.netns ?? (opts.netns && process.getuid?.() === 0 ? setupNetns() : undefined);
  const host = netns ? netns.address : '127.0.0.1';
  const sshdLogPath = join(sshdDir, 'sshd.log');
  const sshdConfig = join(sshdDir, 'sshd_config');
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });

  let sshd: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !sshd; attempt++) {
    port = netns ? 22 : await freePort();
    writeFileSync(sshdConfig, [
      `Port ${port}`, `ListenAddress ${host}`, `HostKey ${hostKey}`, `AuthorizedKeysFile ${join(sshdDir, 'authorized_keys')}`,
      'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes', 'UsePAM no',
      'StrictModes no', `PidFile ${join(sshdDir, 'sshd.pid')}`, 'LogLevel VERBOSE', 'AllowTcpForwarding yes',
      'PermitRootLogin prohibit-password', 'MaxSessions 50', 'MaxStartups 50:30:100', 'PrintMotd no',
      // The real OpenSSH sftp-server, as Debian's default sshd_config has it: uploads take the SFTP path.
      ...(opts.sftp === false ? [] : ['Subsystem sftp /usr/lib/openssh/sftp-server']),
      // SIMHOST_STATE marks every process of the host's sessions, so stop() finds what they left behind.
      `SetEnv HOME=${home} PATH=${binDir}:/usr/bin:/bin SIMHOST_STATE=${stateDir}`, '',
    ].join('\n'));
    const argv = ['/usr/sbin/sshd', '-D', '-f', sshdConfig, '-E', sshdLogPath];
    const proc = netns ? spawn('ip', ['netns', 'exec', netns.name, ...argv], { stdio: 'ignore' }) : spawn(argv[0], argv.slice(1), { stdio: 'ignore' });
    try {
      await waitForPort(host, port, 5000, proc);
      sshd = proc;
    } catch (e) {
      proc.kill('SIGKILL');
      if (attempt === 4) throw e;
    }
  }
  const hostKeyPub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const hostPattern = port === 22 ? host : `[${host}]:${port}`;
  const knownHostsLine = `${hostPattern} ${hostKeyPub}`;
  const knownHostsPath = join(clientDir, 'known_hosts');
  writeFileSync(knownHostsPath, `${knownHostsLine}\n`);
  const sshConfigPath = join(clientDir, 'ssh_config');
  writeFileSync(sshConfigPath, sshConfigBlock({ alias, host, port, user, keyPath, knownHostsPath }));

  let stopped = false;
  return {
    alias, host, port, user, keyPath, knownHostsLine, sshConfigPath, knownHostsPath, home, ascendPrefix, devPrefix,
    etcPrefix, usrLocalPrefix, sshdLogPath, stateDir, control, netns,
    async stop() {
      if (stopped) return;
      stopped = true;
      const roots = sshd?.pid ? [sshd.pid] : [];
      for (let round = 0; round < 3; round++) {
        const pids = [...hostProcesses(stateDir, roots), ...containerPids(stateDir)];
        if (round > 0 && pids.length === 0) break;
        await killAll([...new Set([...pids, ...roots])]);
      }
      if (!placement) netns?.remove();
      if (!process.env.SIMHOST_KEEP) rmSync(base, { recursive: true, force: true });
    },
  };
}

/** A `Host` block for an ssh_config (the sandbox HOME's ~/.ssh/config can include or copy it). */
export function sshConfigBlock(h: { alias: string; host: string; port: number; user: string; keyPath: string; knownHostsPath: string }): string {
  return [
    `Host ${h.alias}`, `  HostName ${h.host}`, `  Port ${h.port}`, `  User ${h.user}`, `  IdentityFile ${h.keyPath}`,
    '  IdentitiesOnly yes', `  UserKnownHostsFile ${h.knownHostsPath}`, '  StrictHostKeyChecking yes', '',
  ].join('\n');
}
