/**
 * Chip facts used by the rules (docs/ascend-facts.md §1, §6): HBM per device as npu-smi reports it, what torch_npu
 * reports as the device's total memory (the base of vllm-ascend's budget, docs/vllm-arithmetic.md), and the
 * vllm-ascend image tag suffix for the chip.
 */
export interface ChipFacts {
  /** HBM per logical device in MiB as npu-smi shows it, when known for the chip alone. */
  hbmMiB?: number;
  /** Tag suffix of quay.io/ascend/vllm-ascend images for this chip ('' = A2). */
  imageSuffix: string;
  family: 'A2' | 'A3' | '310P' | '950';
}

export const CHIPS: Record<string, ChipFacts> = {
  '910B1': { hbmMiB: 65536, imageSuffix: '', family: 'A2' },
  '910B2': { hbmMiB: 65536, imageSuffix: '', family: 'A2' },
  '910B2C': { hbmMiB: 65536, imageSuffix: '', family: 'A2' },
  '910B3': { hbmMiB: 65536, imageSuffix: '', family: 'A2' },
  '910B4': { hbmMiB: 32768, imageSuffix: '', family: 'A2' },
  '910B4-1': { hbmMiB: 65536, imageSuffix: '', family: 'A2' },
  // A3: each NPU shows 2 dies × 65536 MB; each die is one logical device.
  A3: { hbmMiB: 65536, imageSuffix: '-a3', family: 'A3' },
  // 310P3: 300I Pro shows ~21527 MB, 300I Duo ~44 GB per chip; the card is not known from the chip name.
  '310P3': { imageSuffix: '-310p', family: '310P' },
  // 950: CI publishes the -a5 suffix (docs/versions.md); the installation docs' -950dt tags are not built.
  '950DT': { imageSuffix: '-a5', family: '950' },
};

/**
 * torch.npu.mem_get_info()'s total on a 64 GB (npu-smi 65536 MB) 910B: 65452113920 bytes (60.96 GiB), as two
 * vllm-ascend startup logs show it (docs/vllm-arithmetic.md, "Memory budget").
 */
const TORCH_TOTAL_64G = 65452113920;

/**
 * The total memory torch sees on one device: measured for 64 GB 910B devices; for other sizes the same ratio
 * to npu-smi's MB is assumed (marked `estimated`).
 */
export function torchTotalBytes(chip: string | undefined): { bytes: number; estimated: boolean } | undefined {
  const facts = chipFacts(chip);
  const mib = facts?.hbmMiB;
  if (!mib) return undefined;
  if (mib === 65536 && facts.family === 'A2') return { bytes: TORCH_TOTAL_64G, estimated: false };
  return { bytes: Math.round((TORCH_TOTAL_64G * mib) / 65536), estimated: true };
}

/** Registries that host the official images: quay.io and its China mirrors (VA faqs Q2). */
export const IMAGE_REPOS = ['quay.io/ascend/vllm-ascend', 'm.daocloud.io/quay.io/ascend/vllm-ascend', 'quay.nju.edu.cn/ascend/vllm-ascend'];
export { ASCEND_IMAGE_ORGS as ASCEND_ORGS } from '../image-ref';

/** The facts of a chip name from a descriptor (`target.chip`); undefined for names we do not know. */
export function chipFacts(chip: string | undefined): ChipFacts | undefined {
  return chip !== undefined && Object.hasOwn(CHIPS, chip) ? CHIPS[chip] : undefined;
}

export function imageFor(version: string, chip: string | undefined): string {
  return `quay.io/ascend/vllm-ascend:${version}${chipFacts(chip)?.imageSuffix ?? ''}`;
}

export { splitImage } from '../image-ref';
