// Renders `npu-smi info` tables in the layouts of the real fixtures (test/fixtures/npu-smi).
// Widths: A2/A3 (96 inside the borders) from 910b4-info-25.0.rc1.1 and a3-ascend910-info-25.2.0;
// 310P (104) from 310p3-info-25.5.2.

const LAYOUTS = {
  a2: { inner: 96, cols: [27, 15, 52], proc: [27, 15, 26, 25], title: 33,
    head1: [' NPU   Name', ' Health', ' Power(W)    Temp(C)           Hugepages-Usage(page)'],
    head2: [' Chip', ' Bus-Id', ' AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)'],
    id: 6, power: 12, temp: 18, hp: 5, chip: 6, aicore: 12, mem: 5, memTotal: 11, procNpu: 8 },
  a3: null,
  '310p': { inner: 104, cols: [31, 17, 54], proc: [31, 17, 26, 27], title: 49,
    head1: [' NPU     Name', ' Health', ' Power(W)     Temp(C)           Hugepages-Usage(page) '],
    head2: [' Chip    Device', ' Bus-Id', ' AICore(%)    Memory-Usage(MB)'],
    id: 8, power: 13, temp: 18, hp: 6, chip: 8, aicore: 13, mem: 5, memTotal: 0, procNpu: 8 },
};
LAYOUTS.a3 = { ...LAYOUTS.a2, head2: [' Chip  Phy-ID', ' Bus-Id', ' AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)'] };

const pad = (s, n) => String(s).padEnd(n);
const row = (cells, widths) => `|${cells.map((c, i) => pad(c, widths[i])).join('|')}|`;
const border = (widths, ch) => `+${widths.map((w) => ch.repeat(w)).join('+')}+`;

/**
 * @param {{ layout: 'a2'|'a3'|'310p', driver: string }} profile
 * @param {Array<{ npuId: number, chipId: number, logicId: number, phyId?: number, name: string, health: string,
 *   power: string, temp: number, aicore: number, busId: string, memUsed: number, memTotal: number,
 *   hbmUsed: number, hbmTotal: number }>} chips
 * @param {Array<{ npuId: number, chipId: number, pid: number, name: string, mb: number }>} procs
 */
export function renderInfo(profile, chips, procs) {
  const L = LAYOUTS[profile.layout];
  const out = [];
  const full = [L.inner];
  out.push(border(full, '-'));
  out.push(row([` ${pad(`npu-smi ${profile.driver}`, L.title)}Version: ${profile.driver}`], full));
  out.push(border(L.cols, '-'));
  out.push(row(L.head1, L.cols));
  out.push(row(L.head2, L.cols));
  out.push(border(L.cols, '='));
  chips.forEach((c, i) => {
    const hp = ` ${pad(c.power, L.power)}${pad(c.temp, L.temp)}${pad(0, L.hp)}/ 0`;
    out.push(row([` ${pad(c.npuId, L.id)}${c.name}`, ` ${c.health}`, hp], L.cols));
    let first;
    if (profile.layout === 'a2') first = ` ${c.chipId}`;
    else if (profile.layout === 'a3') first = ` ${pad(c.chipId, L.chip)}${c.phyId}`;
    else first = ` ${pad(c.chipId, L.chip)}${c.logicId}`;
    const mem = profile.layout === '310p'
      ? ` ${pad(c.aicore, L.aicore)}${pad(c.memUsed, L.mem)}/ ${c.memTotal}`
      : ` ${pad(c.aicore, L.aicore)}${pad(c.memUsed, L.mem)}/ ${pad(c.memTotal, L.memTotal)}${pad(c.hbmUsed, L.mem)}/ ${c.hbmTotal}`;
    out.push(row([first, ` ${c.busId}`, mem], L.cols));
    const next = chips[i + 1];
    // Dies of one NPU (A3, 300I Duo) are separated by a plain border, NPUs by `+===`.
    out.push(next && next.npuId === c.npuId ? border(full, '-') : border(L.cols, '='));
  });
  out.push(border(L.cols, '-'));
  out.push(row([` ${pad('NPU', L.procNpu)}Chip`, ' Process id', ' Process name', ' Process memory(MB)'], L.proc));
  out.push(border(L.cols, '='));
  const npuIds = [...new Set(chips.map((c) => c.npuId))];
  for (const npu of npuIds) {
    const mine = procs.filter((p) => p.npuId === npu);
    if (mine.length === 0) out.push(row([` No running processes found in NPU ${npu}`], full));
    for (const p of mine) {
      out.push(row([` ${pad(p.npuId, L.procNpu)}${p.chipId}`, ` ${p.pid}`, ` ${p.name.slice(0, 15)}`, ` ${p.mb}`], L.proc));
    }
    out.push(border(L.cols, '='));
  }
  return `${out.join('\n')}\n`;
}

/** `key : value` blocks as in `npu-smi info -l`, `-t usages`, `-t common`. */
export function kv(pairs, indent) {
  return pairs.map((p) => (p === null ? '' : `${' '.repeat(indent)}${pad(p[0], 31)}: ${p[1]}`)).join('\n');
}

/** `npu-smi info -m`: the 910B4 fixture pads columns to 31 and leaves `Ascend …` names unpadded;
 * the 310P3 fixture uses narrower columns and no indent. */
export function renderMap(mapLayout, rows) {
  if (mapLayout === 'narrow') {
    const line = (a, b, c, d) => `${pad(a, 13)}${pad(b, 14)}${pad(c, 20)}${d}`;
    return `${[line('NPU ID', 'Chip ID', 'Chip Logic ID', 'Chip Name'), ...rows.map((r) => line(...r))].join('\n')}\n`;
  }
  const line = (a, b, c, d) => `        ${pad(a, 31)}${pad(b, 31)}${pad(c, 31)}${d.startsWith('Ascend') ? d : pad(d, 30)}`;
  return `${[line('NPU ID', 'Chip ID', 'Chip Logic ID', 'Chip Name'), ...rows.map((r) => line(...r))].join('\n')}\n`;
}
