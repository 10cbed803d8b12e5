// Extension-host CPU of the NPU monitor (at 1 Hz over 5 minutes, target < 1 % of a core).
// Run: node --import tsx test/bench/exthost-cpu.bench.ts [--minutes N] [--json]
//
// code-server (the e2e harness, extension from .sandbox/e2e-extensions or ASCEND_E2E_EXTENSIONS_DIR) against the
// simulated 8× 910B4 host. Three windows of N minutes (default 5):
//  0. "idle": before the monitor is first opened (nothing polls until then; the extension host's own floor);
//  1. "panel open": "Ascend: Open NPU Monitor" visible, polling at ascend.monitor.intervalMs (default 1 s);
//  2. "panel closed": after "View: Close All Editors", only the status bar polls (hiddenIntervalMs, default 10 s).
// For each window it reads utime+stime from /proc/<pid>/stat at the start and the end for:
//  - the extension host (the node process under code-server whose command line has `extensionHost`);
//  - the extension host's descendants, live (our language server) and reaped (its cutime+cstime);
//  - the simulated host's sshd tree (sshd, the per-connection sshd, the shells and the simulated npu-smi/docker,
//    which are Node scripts, not the real binaries: their cost is not what a real host pays). Reaped children
//    are counted through the parents' cutime+cstime, so the tree total is complete while its root lives.
// A window's result is CPU seconds / wall seconds, i.e. % of one core.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { eventually } from '../e2e/harness/session';
import { extensionsDir } from '../e2e/harness/paths';
import { withVSCodeAndHost } from '../e2e/harness/with-host';

const args = process.argv.slice(2);
const minutesArg = args.indexOf('--minutes');
const MINUTES = minutesArg >= 0 ? Number(args[minutesArg + 1]) || 5 : 5;
const TICKS = 100; // USER_HZ on Linux (getconf CLK_TCK)

interface ProcStat { pid: number; ppid: number; own: number; children: number }

function stat(pid: number): ProcStat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
    return { pid, ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch { return undefined; }
}

function cmdline(pid: number): string {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { return ''; }
}

function allStats(): ProcStat[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map((n) => stat(Number(n))).filter((s): s is ProcStat => !!s);
}

function descendants(root: number, all: ProcStat[]): ProcStat[] {
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) if (tree.has(s.ppid) && !tree.has(s.pid)) { tree.add(s.pid); grew = true; }
  }
  return all.filter((s) => tree.has(s.pid));
}

/** The extension host of the code-server started with this user-data dir. */
function findExtensionHost(userDataDir: string): { codeServer: number; extHost: number } | undefined {
  const all = allStats();
  const root = all.find((s) => cmdline(s.pid).includes(`--user-data-dir ${userDataDir} `));
  if (!root) return undefined;
  const host = descendants(root.pid, all).find((s) => /extensionHost/.test(cmdline(s.pid)));
  return host ? { codeServer: root.pid, extHost: host.pid } : undefined;
}

interface Sample { extHost: number; extHostChildren: number; sshdTree: number; at: number }

function sample(extHost: number, sshdPid: number): Sample {
  const all = allStats();
  const eh = all.find((s) => s.pid === extHost);
  if (!eh) throw new Error('the extension host is gone');
  const kids = descendants(extHost, all).filter((s) => s.pid !== extHost);
  const sshd = sshdPid ? descendants(sshdPid, all) : [];
  return {
    extHost: eh.own,
    extHostChildren: eh.children + kids.reduce((a, s) => a + s.own + s.children, 0), // live and reaped
    sshdTree: sshd.reduce((a, s) => a + s.own + s.children, 0),
    at: performance.now(),
  };
}

interface Window { name: string; wallS: number; extHostPct: number; extHostChildrenPct: number; simHostPct: number; loadavg: number[] }

async function measure(name: string, extHost: number, sshdPid: number): Promise<Window> {
  const load0 = loadavg();
  const a = sample(extHost, sshdPid);
  await new Promise((r) => setTimeout(r, MINUTES * 60_000));
  const b = sample(extHost, sshdPid);
  const wallS = (b.at - a.at) / 1000;
  const pct = (ticks: number): number => (ticks / TICKS / wallS) * 100;
  const load1 = loadavg();
  return {
    name, wallS,
    extHostPct: pct(b.extHost - a.extHost),
    extHostChildrenPct: pct(b.extHostChildren - a.extHostChildren),
    simHostPct: pct(b.sshdTree - a.sshdTree),
    loadavg: load0.map((l, i) => Math.round(((l + load1[i]) / 2) * 100) / 100),
  };
}

/** A private copy of the extensions dir, so a concurrent e2e run that reinstalls the .vsix cannot disturb us. */
function copyExtensions(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exthost-bench-ext-'));
  cpSync(extensionsDir, dir, { recursive: true });
  const json = join(dir, 'extensions.json');
  writeFileSync(json, readFileSync(json, 'utf8').split(extensionsDir).join(dir));
  return dir;
}

async function main(): Promise<void> {
  const ext = copyExtensions();
  const windows: Window[] = [];
  try {
    await withVSCodeAndHost({ name: 'exthost-cpu', extensionsDir: ext }, async ({ wb, server, host }) => {
      const sshdPid = Number(readFileSync(join(dirname(host.sshdLogPath), 'sshd.pid'), 'utf8').trim()) || 0;
      const found = await eventually(() => findExtensionHost(server.userDataDir), 60_000, 500);
      if (!found) throw new Error('no extension host found under code-server');
      await new Promise((r) => setTimeout(r, 15_000)); // settle after the workbench's start
      windows.push(await measure('idle (monitor never opened)', found.extHost, sshdPid));
      await wb.runCommand('Ascend: Open NPU Monitor');
      const frame = await wb.webviewFrame(60_000);
      const live = await eventually(async () => (await frame.locator('.chip-card').count()) === 8, 60_000, 500);
      if (!live) throw new Error('the panel never showed 8 chips');
      await new Promise((r) => setTimeout(r, 15_000)); // settle: activation, first enrichment
      windows.push(await measure('panel open (1 s polling)', found.extHost, sshdPid));
      const status = await frame.locator('.poll-status').textContent().catch(() => null);
      await wb.runCommand('View: Close All Editors');
      const item = await eventually(async () => (await wb.statusBar()).find((x) => x.includes(`${host.alias}:`)), 30_000, 500);
      if (!item) throw new Error('no status-bar summary after closing the panel');
      await new Promise((r) => setTimeout(r, 15_000));
      windows.push(await measure('panel closed (status bar, 10 s polling)', found.extHost, sshdPid));
      if (status !== 'Live') console.error(`warning: the panel's poll status at the end of the open window was ${JSON.stringify(status)}`);
    });
  } finally {
    rmSync(ext, { recursive: true, force: true });
  }
  const summary = { minutesPerWindow: MINUTES, cpus: cpus().length, cpuModel: cpus()[0]?.model, windows };
  if (args.includes('--json')) { console.log(JSON.stringify(summary, null, 2)); return; }
  console.log(`NPU monitor CPU, simulated 8× 910B4 host, ${MINUTES} min per window (% of one core; target: extension host < 1 % with the panel open)`);
  console.log('window                                    ext host   ext-host children   simulated host (sshd tree)   load avg (1/5/15)');
  for (const w of windows) {
    console.log(`${w.name.padEnd(41)} ${w.extHostPct.toFixed(2).padStart(7)} % ${w.extHostChildrenPct.toFixed(2).padStart(17)} % ${w.simHostPct.toFixed(2).padStart(26)} %   ${w.loadavg.join(' / ')}`);
  }
  console.log(`machine: ${summary.cpus} × ${summary.cpuModel ?? '?'}`);
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
