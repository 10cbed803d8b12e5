// Why a simulated vllm-ascend container dies during startup (docs/ascend-facts.md §7). Each function returns the
// log lines to print before exiting with 1, or null. The quoted fragments come from §7; where §7 gives only a
// fragment, the rest of the line is ours (marked below).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getProfile } from '../shims/lib/profiles.mjs';
import { hostInfo, npuClaims, writeJson } from '../shims/lib/state.mjs';

const ts = () => new Date().toISOString().replace('T', ' ').slice(0, 23);

export function davinciIds(container) {
  return container.devices.map((d) => /\/davinci(\d+)$/.exec(d)?.[1]).filter((x) => x !== undefined).map(Number);
}

function visible(container) {
  const v = container.env.ASCEND_RT_VISIBLE_DEVICES;
  return v === undefined ? null : { raw: v, ids: v.split(',').map((s) => Number(s.trim())) };
}

/** NPUs a --privileged container sees: every device of the host. */
function hostIds() {
  return getProfile(hostInfo().profile).chips.map((c) => c.logicId);
}

/** Logic ids of the NPUs this node's engines use: data-parallel-size-local × TP of the visible ones. */
export function usedLogicIds(container, serve, dpLocal = 1) {
  const ids = container.privileged && davinciIds(container).length === 0 ? hostIds() : davinciIds(container);
  const vis = visible(container);
  return (vis ? vis.ids.map((i) => ids[i]) : ids).slice(0, Math.max(1, serve.tp * dpLocal));
}

export function startupProblem(container, serve, dpLocal = 1) {
  const priv = container.privileged;
  const ids = priv ? hostIds() : davinciIds(container);
  const managers = priv || ['davinci_manager', 'devmm_svm', 'hisi_hdc'].every((n) => container.devices.some((d) => d.endsWith(`/${n}`)));
  const driver = container.binds.find((b) => /\/driver(\/lib64)?\/?$/.test(b.target) && existsSync(b.source) && readdirSync(b.source).length > 0);
  if (!driver) {
    // §7 #2: missing driver/NNAL libraries end in "Failed to infer device type". Which library is named first
    // when the driver folder is not mounted is not in the references; libascend_hal.so is the driver's HAL.
    return [
      `ERROR ${ts()} [__init__.py:77] Failed to load plugin ascend: libascend_hal.so: cannot open shared object file: No such file or directory`,
      'Traceback (most recent call last):',
      '  File "/usr/local/python3.11.13/bin/vllm", line 8, in <module>',
      'RuntimeError: Failed to infer device type',
    ];
  }
  if (!managers || ids.length === 0) {
    // §7 #4 (missing device nodes) followed by §7 #2's final error.
    return [
      'DrvMngGetConsoleLogLevel failed. (g_conLogLevel=3)',
      'dcmi module initialize failed. ret is -8005',
      'RuntimeError: Failed to infer device type',
    ];
  }
  const vis = visible(container);
  if (vis) {
    const bad = vis.ids.find((i) => !(i >= 0 && i < ids.length));
    // §7 #5, verbatim fragments; inside the container the ids restart at 0.
    if (bad !== undefined) {
      return [
        `[ERROR] RUNTIME(1,python3):${ts()} Set visible device failed, invalid device=${bad}, input visible devices:${vis.raw}`,
        `RuntimeError: open device ${bad} failed, runtime result = 107001`,
      ];
    }
  }
  if (serve.tp * dpLocal > (vis ? vis.ids.length : ids.length)) {
    // Wording ours: not in the references.
    const what = dpLocal > 1 ? `data_parallel_size_local (${dpLocal}) × tensor_parallel_size (${serve.tp})` : `tensor_parallel_size (${serve.tp})`;
    return [`ValueError: ${what} is larger than the number of visible NPUs (${vis ? vis.ids.length : ids.length}).`];
  }
  return null;
}

/** Claims HBM on the container's NPUs, or returns the out-of-memory text (§7 #3) when others hold it. */
export function hbmProblem(container, serve, cdir, dpLocal = 1) {
  const host = hostInfo();
  const profile = getProfile(host.profile);
  const used = usedLogicIds(container, serve, dpLocal);
  const claims = npuClaims().filter((c) => c.containerId !== container.id);
  let need = 0;
  for (const logic of used) {
    const chip = profile.chips.find((c) => c.logicId === logic);
    if (!chip) continue;
    const cap = chip.hbmTotal || chip.memTotal;
    // The idle HBM that npu-smi shows on an empty card (baseUsed) is not counted against the fraction here:
    // how torch_npu reports it to vLLM is not in the references.
    need = Math.round((cap - chip.baseUsed) * serve.gpuMemoryUtilization);
    const taken = chip.baseUsed + claims.filter((c) => c.logicIds.includes(logic)).reduce((s, c) => s + c.mbPerDevice, 0);
    if (need > cap - taken) {
      const tried = ((need - Math.max(0, cap - taken)) / 1024).toFixed(2);
      // "NPU out of memory. Tried to allocate" is §7 #3; the figures after it are ours.
      return [
        `ERROR ${ts()} [core.py:708] EngineCore failed to start.`,
        `RuntimeError: NPU out of memory. Tried to allocate ${tried} GiB (NPU ${used.indexOf(logic)}; ${(cap / 1024).toFixed(2)} GiB total capacity; ${(Math.max(0, cap - taken) / 1024).toFixed(2)} GiB free)`,
      ];
    }
  }
  writeJson(join(cdir, 'npu.json'), { logicIds: used, mbPerDevice: need, name: serve.servedModelNames[0] });
  return null;
}

/** Problems found while loading the weights. */
export function loadProblem(modelDir, config, profileName, dtype = 'auto') {
  const desc = readDescription(modelDir);
  const moe = Boolean(config && (config.n_routed_experts || config.num_experts || config.num_local_experts));
  if (desc && String(desc.model_quant_type).toUpperCase() === 'W4A16' && !moe) {
    // docs/ascend-facts.md §3: vllm-ascend registers W4A16 for MoE experts only. The message wording is ours.
    return [
      'NotImplementedError: vllm-ascend has no W4A16 scheme for linear layers of a dense model (W4A16 is registered for MoE experts only); quantize to W8A8, W8A8_DYNAMIC or W8A16.',
    ];
  }
  if (profileName && getProfile(profileName).layout === '310p'
    && (dtype === 'bfloat16' || (dtype === 'auto' && config?.torch_dtype === 'bfloat16'))) {
    // 310P has no BF16 kernels: the first cast of the weights fails in CANN (docs/vllm-startup-refusals.md;
    // text of the real EZ1001 reports). vllm-ascend v0.23.0 does not refuse bf16 itself.
    const t = new Date();
    const p = (n, w = 2) => String(n).padStart(w, '0');
    const when = `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}-${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}.${p(t.getMilliseconds(), 3)}.000`;
    return [`RuntimeError: call aclnnCast failed, detail:EZ1001: [PID: ${process.pid}] ${when} self not implemented for DT_BFLOAT16, should be in dtype support list [DT_FLOAT16,DT_FLOAT,DT_DOUBLE,DT_INT8,DT_UINT8,DT_INT16,DT_INT32,DT_INT64,DT_UINT16,DT_UINT32,DT_UINT64,DT_BOOL,DT_COMPLEX64,DT_COMPLEX128,].`];
  }
  return null;
}

function readDescription(dir) {
  try {
    for (const f of readdirSync(dir)) {
      if (/^quant_model_description.*\.json$/.test(f)) return JSON.parse(readFileSync(join(dir, f), 'utf8'));
    }
  } catch { /* not a directory */ }
  return null;
}

