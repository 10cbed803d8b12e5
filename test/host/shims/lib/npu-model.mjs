// Live values of the simulated NPUs: they move with time, and running simulated vLLM servers add their
// HBM (or DDR on 310P) and their processes. Faults come from the state folder.
import { join } from 'node:path';
import { fault, npuClaims, readJson, containerDir } from './state.mjs';

/** Small deterministic wobble so that values move over time. */
function wobble(seed, periodS, amp) {
  return Math.sin(Date.now() / 1000 / periodS + seed * 1.7) * amp;
}

export function liveChips(profile, dir) {
  const claims = npuClaims(dir);
  return profile.chips.map((c, i) => {
    const mine = claims.filter((k) => k.logicIds.includes(c.logicId));
    const claimed = mine.reduce((s, k) => s + k.mbPerDevice, 0);
    const busy = mine.some((k) => (readJson(join(containerDir(k.containerId, dir), 'activity.json'), {}).running ?? 0) > 0);
    const is310 = profile.layout === '310p';
    let health = 'OK';
    if (i === 0 && fault('health-warning', dir)) health = 'Warning';
    if (i === 0 && fault('health-alarm', dir)) health = 'Alarm';
    let temp = Math.round(c.temp + wobble(i, 30, 1.2) + (busy ? 9 : claimed ? 3 : 0));
    if (i === 0 && fault('high-temp', dir)) temp = 96;
    let power = 'NA';
    if (!is310) power = c.power === 0 ? '-' : (c.power + wobble(i, 7, 1.5) + (busy ? 120 : claimed ? 20 : 0)).toFixed(1);
    const base = Math.round(c.baseUsed + wobble(i, 11, 2));
    return {
      npuId: c.npuId, chipId: c.chipId, logicId: c.logicId, phyId: c.phyId ?? c.logicId, name: profile.chipName,
      health, power, temp, busId: c.busId, aicore: busy ? Math.round(55 + wobble(i, 3, 15)) : 0,
      memUsed: is310 ? Math.min(c.memTotal, base + claimed) : 0, memTotal: is310 ? c.memTotal : 0,
      hbmUsed: is310 ? 0 : Math.min(c.hbmTotal, base + claimed), hbmTotal: c.hbmTotal, capacity: is310 ? c.memTotal : c.hbmTotal,
    };
  });
}

export function liveProcs(profile, dir) {
  const out = [];
  for (const k of npuClaims(dir)) {
    k.logicIds.forEach((logic, rank) => {
      const c = profile.chips.find((x) => x.logicId === logic);
      if (!c) return;
      // One process per rank (the server's own for rank 0, its workers after; vllm-sim/server.mjs startWorkers).
      const pid = k.pids?.[rank] ?? k.pid;
      out.push({ npuId: c.npuId, chipId: c.chipId, pid, name: k.logicIds.length > 1 ? 'VLLMWorker_TP' : 'python', mb: k.mbPerDevice });
    });
  }
  return out.sort((a, b) => a.npuId - b.npuId || a.chipId - b.chipId);
}
