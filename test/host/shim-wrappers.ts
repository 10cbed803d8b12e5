// The simulated host's command wrappers (npu-smi, docker, msmodelslim, the download tools, the Kunpeng answers of
// uname/lscpu/numactl, python3 for msModelSlim's scripts, hccn_tool) and the live container processes of a state
// folder: shared by the SSH host (index.ts) and the local layout (local-host.ts).
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const HOST_ROOT = resolve(__dirname);

export function writeShims(binDir: string, stateDir: string): void {
  mkdirSync(binDir, { recursive: true });
  const shims = join(HOST_ROOT, 'shims');
  const env = `SIMHOST_STATE='${stateDir}' SIMHOST_NODE='${process.execPath}' SIMHOST_SHIMS='${shims}'; export SIMHOST_STATE SIMHOST_NODE SIMHOST_SHIMS`;
  const node = (script: string, pre = ''): string => `#!/bin/sh\n${env}\nexec "$SIMHOST_NODE" "$SIMHOST_SHIMS/${script}" ${pre}"$@"\n`;
  const bash = (script: string): string => `#!/bin/sh\n${env}\nexec /bin/bash "$SIMHOST_SHIMS/${script}" "$@"\n`;
  const files: Record<string, string> = {
    'npu-smi': node('npu-smi.mjs'), docker: node('docker.mjs'), msmodelslim: node('msmodelslim.mjs'),
    modelscope: node('download.mjs', '--as modelscope '), 'huggingface-cli': node('download.mjs', '--as huggingface-cli '),
    uname: bash('uname.sh'), lscpu: bash('lscpu.sh'), numactl: bash('numactl.sh'), python3: bash('python3.sh'),
    hccn_tool: node('hccn_tool.mjs'),
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(binDir, name), text);
    chmodSync(join(binDir, name), 0o755);
  }
}

/** PIDs of the simulated containers of a state folder that are still alive. */
export function containerPids(stateDir: string): number[] {
  const root = join(stateDir, 'containers');
  const out: number[] = [];
  try {
    for (const id of readdirSync(root)) {
      try { out.push((JSON.parse(readFileSync(join(root, id, 'pid.json'), 'utf8')) as { pid: number }).pid); } catch { /* never started */ }
    }
  } catch { /* no containers */ }
  return out.filter((p) => { try { process.kill(p, 0); return true; } catch { return false; } });
}
