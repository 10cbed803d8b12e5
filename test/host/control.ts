// Faults and latency of a simulated host: files in its state folder, read by the shims and the
// simulated vLLM server on every use. The extension never reads this folder.
import { mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** Fault names the shims understand. */
export type FaultName =
  | 'dcmi-8005' // every npu-smi call prints the container-access error (ascend-facts §7 #4)
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
}

export const DEFAULT_LATENCY: Latency = { ttftMs: 80, itlMs: 20, jitterMs: 0, maxConcurrency: 4, startupMs: 3000, pullMs: 1500, quantMs: 4000, runMs: 0 };

export interface SimHostControl {
  stateDir: string;
  setFault(name: FaultName, on: boolean): void;
  faults(): FaultName[];
  setLatency(l: Partial<Latency>): void;
  latency(): Latency;
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
  };
}
