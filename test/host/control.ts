// Faults and latency of a simulated host: files in its state folder, read by the shims and the
// simulated vLLM server on every use. The extension never reads this folder.
import { mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** Fault names the shims understand. */
export type FaultName =
  | 'dcmi-8005' // every npu-smi call prints the container-access error (docs/ascend-facts.md §7 #4)
  | 'health-warning' // first chip reports Warning
  | 'health-alarm' // first chip reports Alarm
  | 'high-temp' // first chip reports 96 C
  | 'offline'; // docker pull/build and model downloads fail as without network

export interface Latency {
  ttftMs: number; // time to first token
  itlMs: number; // time per further token
  jitterMs: number; // deterministic +- jitter per token
  maxConcurrency: number; // requests generating at once; others wait (vllm:num_requests_waiting)
  startupMs: number; // simulated vLLM model loading before /health answers
  pullMs: number; // docker pull duration
  quantMs: number; // msmodelslim run time
  runMs: number; // how long `docker run -d` takes to return after creating the container (daemon work)
  // How long a headless vLLM engine waits for the head's answer before "Did not receive response from front-end
  // process within 5 minutes" (vLLM's HANDSHAKE_TIMEOUT_MINS, docs/multi-node.md §2). Real: 300000; tests shorten it.
  handshakeTimeoutMs: number;
}

/** What `control.setNpuNet` changes of one NPU's network as `hccn_tool` shows it (docs/multi-node.md §4). */
export interface NpuNet {
  link?: 'UP' | 'DOWN';
  netHealth?: string; // `net health status:` value; default Success, or Fault while the link is DOWN
  tls?: 0 | 1; // `tls switch[..]`
  ip?: string | null; // `-ip` address; null: no address configured (prints nothing)
  vnicIp?: string | null; // A3 `-vnic` address
}

export const DEFAULT_LATENCY: Latency = { ttftMs: 80, itlMs: 20, jitterMs: 0, maxConcurrency: 4, startupMs: 3000, pullMs: 1500, quantMs: 4000, runMs: 0, handshakeTimeoutMs: 300000 };

export interface SimHostControl {
  stateDir: string;
  setFault(name: FaultName, on: boolean): void;
  faults(): FaultName[];
  setLatency(l: Partial<Latency>): void;
  latency(): Latency;
  /** Sets NPU `npu` (a logic id, or 'all') network state: link, health, TLS switch, addresses. */
  setNpuNet(npu: number | 'all', settings: NpuNet): void;
  /** Back to every NPU UP, healthy, TLS 0, default addresses. */
  resetNpuNet(): void;
}

export function makeControl(stateDir: string): SimHostControl {
  const faultsDir = join(stateDir, 'faults');
  const latencyFile = join(stateDir, 'latency.json');
  mkdirSync(faultsDir, { recursive: true });
  const latency = (): Latency => {
    try { return { ...DEFAULT_LATENCY, ...(JSON.parse(readFileSync(latencyFile, 'utf8')) as Partial<Latency>) }; } catch { return { ...DEFAULT_LATENCY }; }
  };
  return {
    stateDir,
    setFault(name, on) {
      const f = join(faultsDir, name);
      if (on) writeFileSync(f, `${new Date().toISOString()}\n`); else rmSync(f, { force: true });
    },
    faults() {
      const all: FaultName[] = ['dcmi-8005', 'health-warning', 'health-alarm', 'high-temp', 'offline'];
      return all.filter((n) => { try { readFileSync(join(faultsDir, n)); return true; } catch { return false; } });
    },
    setLatency(l) {
      const next = { ...latency(), ...l };
      writeFileSync(`${latencyFile}.tmp`, JSON.stringify(next));
      renameSync(`${latencyFile}.tmp`, latencyFile);
    },
    latency,
    setNpuNet(npu, settings) {
      const file = join(stateDir, 'hccn.json');
      let cur: { all?: NpuNet; npus?: Record<string, NpuNet> } = {};
      try { cur = JSON.parse(readFileSync(file, 'utf8')) as typeof cur; } catch { /* none yet */ }
      if (npu === 'all') {
        // 'all' replaces per-NPU values of the same keys, so "all DOWN" means every NPU.
        cur.all = { ...cur.all, ...settings };
        for (const k of Object.keys(cur.npus ?? {})) for (const key of Object.keys(settings)) delete (cur.npus![k] as Record<string, unknown>)[key];
      } else cur.npus = { ...cur.npus, [String(npu)]: { ...cur.npus?.[String(npu)], ...settings } };
      writeFileSync(`${file}.tmp`, JSON.stringify(cur));
      renameSync(`${file}.tmp`, file);
    },
    resetNpuNet() { rmSync(join(stateDir, 'hccn.json'), { force: true }); },
  };
}
