// Device profiles of the simulated host. Each says where its layout comes from:
// "fixture" = matches a real npu-smi output in test/fixtures/npu-smi column for column;
// "description" = built from docs/ascend-facts.md §4 because no real output of that device/driver is shipped.

/** @typedef {{ npuId: number, chipId: number, logicId: number, phyId?: number, busId: string, hbmTotal: number,
 *   memTotal: number, baseUsed: number, power: number, temp: number }} Chip */

const A2_BUS = ['0000:C1:00.0', '0000:C2:00.0', '0000:81:00.0', '0000:82:00.0', '0000:01:00.0', '0000:02:00.0', '0000:41:00.0', '0000:42:00.0'];
const A2_POWER = [87.2, 82.7, 82.7, 89.1, 84.5, 84.8, 87.1, 81.6];
const A2_TEMP = [33, 33, 33, 34, 39, 37, 38, 37];

function a2(name, hbm, base) {
  return A2_BUS.map((busId, i) => ({ npuId: i, chipId: 0, logicId: i, busId, hbmTotal: hbm, memTotal: 0,
    baseUsed: base, power: A2_POWER[i], temp: A2_TEMP[i] }));
}

export const PROFILES = {
  // Atlas 800I A2, 8x 910B4 32 GB: fixture 910b4-info-25.0.rc1.1-8card-idle.txt (+ -l, -m of the same host).
  '910b4': {
    source: 'fixture: 910b4-info-25.0.rc1.1-*.txt', product: 'Atlas 800I A2', layout: 'a2', mapLayout: 'wide',
    driver: '25.0.rc1.1', firmware: '7.7.0.1.231', chipName: '910B4', socVersion: 'Ascend910B4', aicoreCount: 20,
    // CANN 9.1.0: what vllm-ascend v0.23.0 pairs with (docs/ascend-facts.md §1 matrix), so the demo host checks clean
    // against the demo's target; the other profiles keep 8.3.RC2 (the v0.11.0 pairing) for the mismatch path.
    cann: '9.1.0', chips: a2('910B4', 32768, 2654),
  },
  // 910B3 (64 GB). docs/ascend-facts.md §4 describes it at 26.x with a wider layout whose widths are not shipped, so this
  // profile uses the A2 layout of the 910B fixtures at driver 25.0.rc1.1: built from the description.
  '910b3': {
    source: 'description (docs/ascend-facts.md §4); A2 layout of the 910B fixtures', product: 'Atlas 800T A2', layout: 'a2',
    mapLayout: 'wide', driver: '25.0.rc1.1', firmware: '7.7.0.1.231', chipName: '910B3', socVersion: 'Ascend910B3',
    aicoreCount: 20, cann: '8.3.RC2', chips: a2('910B3', 65536, 3380),
  },
  // Atlas 300I Pro class, 310P3 21527 MB: fixture 310p3-info-23.0.0-no-process.txt for the sizes, layout of
  // 310p3-info-25.5.2-no-process.txt (identical widths) and 310p3-info-m-25.5.2.txt. Two cards; NPU ids are not 0..N-1.
  '310p3': {
    source: 'fixture: 310p3-info-25.5.2-no-process.txt, 310p3-info-m-25.5.2.txt', product: 'Atlas 300I Pro',
    layout: '310p', mapLayout: 'narrow', driver: '25.5.2', firmware: '7.7.0.1.231', chipName: '310P3',
    socVersion: 'Ascend310P3', aicoreCount: 8, cann: '8.3.RC2',
    chips: [
      { npuId: 24, chipId: 0, logicId: 0, busId: '0000:04:00.0', hbmTotal: 0, memTotal: 21527, baseUsed: 1832, power: 0, temp: 29 },
      { npuId: 32896, chipId: 0, logicId: 1, busId: '0000:81:00.0', hbmTotal: 0, memTotal: 21527, baseUsed: 1904, power: 0, temp: 54 },
    ],
  },
  // Atlas 300I Duo: 2x 310P3 per card (~44278 + 43693 MB, docs/ascend-facts.md §6), `+---` between the chips of one card.
  // No real output shipped: built from the description with the 310P layout.
  '300i-duo': {
    source: 'description (docs/ascend-facts.md §4/§6); 310P layout', product: 'Atlas 300I Duo', layout: '310p',
    mapLayout: 'narrow', driver: '25.5.2', firmware: '7.7.0.1.231', chipName: '310P3', socVersion: 'Ascend310P3',
    aicoreCount: 8, cann: '8.3.RC2',
    chips: [
      { npuId: 32896, chipId: 0, logicId: 0, busId: '0000:81:00.0', hbmTotal: 0, memTotal: 44278, baseUsed: 1904, power: 0, temp: 48 },
      { npuId: 32896, chipId: 1, logicId: 1, busId: '0000:82:00.0', hbmTotal: 0, memTotal: 43693, baseUsed: 1876, power: 0, temp: 47 },
    ],
  },
  // Atlas 800I A3: 8 NPUs x 2 dies ("Ascend910"), 65536 MB per die: layout of
  // a3-ascend910-info-25.2.0-process-and-empty.txt (2 NPUs there; 8 here, 16 logical devices).
  a3: {
    source: 'fixture: a3-ascend910-info-25.2.0-process-and-empty.txt (extended to 8 NPUs)', product: 'Atlas 800I A3',
    layout: 'a3', mapLayout: 'wide', driver: '25.2.0', firmware: '7.7.0.1.231', chipName: 'Ascend910',
    socVersion: 'Ascend910_9391', aicoreCount: 24, cann: '8.3.RC2',
    chips: Array.from({ length: 16 }, (_, i) => ({ npuId: Math.floor(i / 2), chipId: i % 2, logicId: i, phyId: i,
      busId: `0000:${(0x9c + i * 2).toString(16).toUpperCase()}:00.0`,
      hbmTotal: 65536, memTotal: 0, baseUsed: 3100 - (i % 2) * 230, power: i % 2 ? 0 : 160 + i, temp: 37 + (i % 3) })),
  },
};

/** @param {string} name */
export function getProfile(name) {
  const p = PROFILES[/** @type {keyof typeof PROFILES} */ (name)];
  if (!p) throw new Error(`unknown profile ${name}; known: ${Object.keys(PROFILES).join(', ')}`);
  return p;
}
