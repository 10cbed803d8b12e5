// `npu-smi` of the simulated host (docs/ascend-facts.md §4). Subcommands: info, info -l, info -m,
// info -t usages|common|board -i N [-c C], info watch [-i N] [-c C] [-d S] [-s ptaicmb], -v.
import { join } from 'node:path';
import { getProfile } from './lib/profiles.mjs';
import { hostInfo, fault, stateDir, readJson, containerDir } from './lib/state.mjs';
import { liveChips, liveProcs } from './lib/npu-model.mjs';
import { renderInfo, renderMap, kv } from './lib/npu-table.mjs';

const dir = stateDir();
const host = hostInfo(dir);
const profile = getProfile(host.profile);
const args = process.argv.slice(2);
const out = (s) => process.stdout.write(s);

// Inside a simulated container (docker exec): only its devices, or the access error without them.
const inContainer = process.env.SIMHOST_CONTAINER ? readJson(join(containerDir(process.env.SIMHOST_CONTAINER, dir), 'container.json'), null) : null;
const containerLogic = inContainer ? inContainer.devices.map((d) => /davinci(\d+)$/.exec(d)?.[1]).filter(Boolean).map(Number) : null;
const managerOk = inContainer ? ['davinci_manager', 'devmm_svm', 'hisi_hdc'].every((n) => inContainer.devices.some((d) => d.endsWith(`/${n}`))) : true;

if (fault('dcmi-8005', dir) || !managerOk || (containerLogic && containerLogic.length === 0)) {
  // docs/ascend-facts.md §4/§7 #4. The exit status of the real tool in this case is not documented; 255 is our choice.
  out('DrvMngGetConsoleLogLevel failed. (g_conLogLevel=3)\ndcmi module initialize failed. ret is -8005\n');
  process.exit(255);
}

const all = liveChips(profile, dir).filter((c) => !containerLogic || containerLogic.includes(c.logicId));
const opt = (flag) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
const usageError = (msg) => { process.stderr.write(`${msg}\n`); process.exit(1); }; // wording is ours, not npu-smi's

function chipsOf(npu) {
  const id = Number(npu);
  const chips = all.filter((c) => c.npuId === id);
  // The real error text for an unknown id is not in the references; this wording is ours.
  if (npu === undefined || chips.length === 0) usageError(`Error: NPU ID ${npu ?? ''} is invalid.`);
  const chip = opt('-c');
  return chip === undefined ? chips : chips.filter((c) => c.chipId === Number(chip));
}

const ind = profile.layout === '310p' ? 4 : 8; // 310P fixture is indented by 4, 910B ones by 8

if (args[0] === '-v') { out(`npu-smi version: ${profile.driver}\n`); process.exit(0); }
if (args[0] !== 'info') usageError('Usage: npu-smi info [-l | -m | -t <type> -i <id> [-c <chip>] | watch]');

if (args.length === 1) {
  const procs = liveProcs(profile, dir).filter((p) => all.some((c) => c.npuId === p.npuId && c.chipId === p.chipId));
  out(renderInfo(profile, all, procs));
} else if (args[1] === '-l') {
  const npus = [...new Set(all.map((c) => c.npuId))];
  const pairs = [['Total Count', npus.length]];
  for (const n of npus) pairs.push(null, ['NPU ID', n], ['Chip Count', all.filter((c) => c.npuId === n).length]);
  out(`${kv(pairs, 8)}\n`);
} else if (args[1] === '-m') {
  const rows = [];
  for (const n of [...new Set(all.map((c) => c.npuId))]) {
    const chips = all.filter((c) => c.npuId === n);
    for (const c of chips) rows.push([n, c.chipId, c.logicId, `Ascend ${profile.chipName}`.replace('Ascend Ascend', 'Ascend')]);
    rows.push([n, chips.length, '-', 'Mcu']);
  }
  out(renderMap(profile.mapLayout, rows));
} else if (args[1] === '-t') {
  const type = args[2];
  const chips = chipsOf(opt('-i'));
  const head = [['NPU ID', opt('-i')], ['Chip Count', chips.length], null];
  const blocks = [];
  for (const c of chips) {
    const rate = Math.round((profile.layout === '310p' ? c.memUsed : c.hbmUsed) / c.capacity * 100);
    if (type === 'usages') {
      blocks.push(profile.layout === '310p' ? [
        ['DDR Capacity(MB)', c.memTotal], ['DDR Usage Rate(%)', rate], ['DDR Hugepages Total(page)', 0],
        ['DDR Hugepages Usage Rate(%)', 0], ['Aicore Usage Rate(%)', c.aicore], ['Aicpu Usage Rate(%)', 0],
        ['Ctrlcpu Usage Rate(%)', 3], ['Vectorcore Usage Rate(%)', 0], ['DDR Bandwidth Usage Rate(%)', c.aicore ? 40 : 0],
        ['DVPP VDEC Usage Rate(%)', 0], ['DVPP VPC Usage Rate(%)', 0], ['DVPP VENC Usage Rate(%)', 0],
        ['DVPP JPEGE Usage Rate(%)', 0], ['DVPP JPEGD Usage Rate(%)', 0], ['Chip ID', c.chipId],
      ] : [
        ['DDR Capacity(MB)', 0], ['DDR Usage Rate(%)', 0], ['DDR Hugepages Total(page)', 0], ['DDR Hugepages Usage Rate(%)', 0],
        ['HBM Capacity(MB)', c.hbmTotal], ['HBM Usage Rate(%)', rate], ['Aicore Usage Rate(%)', c.aicore],
        ['Aivector Usage Rate(%)', c.aicore ? Math.round(c.aicore / 2) : 0], ['Aicpu Usage Rate(%)', 0], ['Ctrlcpu Usage Rate(%)', 1],
        ['DDR Bandwidth Usage Rate(%)', 0], ['HBM Bandwidth Usage Rate(%)', c.aicore ? 30 : 0], ['Chip ID', c.chipId],
      ]);
    } else if (type === 'common') {
      blocks.push([
        ['Chip ID', c.chipId], ['Memory Usage Rate(%)', profile.layout === '310p' ? rate : 0], ['HBM Usage Rate(%)', profile.layout === '310p' ? 0 : rate],
        ['Aicore Usage Rate(%)', c.aicore], ['Aicore Freq(MHZ)', 1800], ['Aicore curFreq(MHZ)', c.aicore ? 1800 : 800],
        ['Aicore Count', profile.aicoreCount], ['Temperature(C)', c.temp], ['NPU Real-time Power(W)', c.power],
      ]);
    } else if (type === 'board') {
      // Keys from docs/ascend-facts.md §4; `NPU Name` only on A3 (per the same section). Board ID value is not documented.
      const b = [['Software Version', profile.driver], ['Firmware Version', profile.firmware], ['Chip Name', profile.chipName],
        ['Chip Type', 'Ascend'], ['PCIe Bus Info', c.busId], ['Board ID', '0x02']];
      if (profile.layout === 'a3') b.splice(4, 0, ['NPU Name', profile.product]);
      blocks.push(b);
    } else {
      usageError(`Error: type ${type ?? ''} is not supported by this simulated npu-smi.`);
    }
  }
  if (type === 'common') blocks.push([['Chip Name', 'mcu'], ['Temperature(C)', 38]]);
  const pairs = type === 'board' ? blocks.flatMap((b, i) => (i ? [null, ...b] : b)) : [...head, ...blocks.flatMap((b, i) => (i ? [null, ...b] : b))];
  out(`${kv(pairs, ind)}\n`);
} else if (args[1] === 'watch') {
  const cols = { p: 'Pwr(W)', t: 'Temp(C)', a: 'AI Core(%)', i: 'AI Cpu(%)', c: 'Ctrl Cpu(%)', m: 'Memory(%)', b: 'Memory BW(%)' };
  const sel = [...(opt('-s') ?? 'ptaicmb')].filter((k) => k in cols);
  const delay = Math.min(100, Math.max(1, Number(opt('-d') ?? 1))) * 1000;
  const id = opt('-i');
  const line = (cells) => cells.map((s) => String(s).padEnd(12)).join('');
  out(`${['NpuID(Idx)  ChipId(Idx) ', ...sel.map((k) => cols[k].padEnd(12))].join('').trimEnd()}\n`);
  const tick = () => {
    for (const c of liveChips(profile, dir)) {
      if (id !== undefined && c.npuId !== Number(id)) continue;
      if (containerLogic && !containerLogic.includes(c.logicId)) continue;
      const v = { p: c.power, t: c.temp, a: c.aicore, i: 0, c: 1, m: Math.round((c.hbmUsed + c.memUsed) / c.capacity * 100), b: c.aicore ? 30 : 0 };
      out(`${line([c.npuId, c.chipId, ...sel.map((k) => v[k])])}\n`);
    }
  };
  tick();
  setInterval(tick, delay);
} else {
  usageError(`Error: option ${args[1]} is not supported by this simulated npu-smi.`);
}
