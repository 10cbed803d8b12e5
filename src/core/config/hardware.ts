/**
 * Chip facts used by the rules (ascend-facts.md §1, §6): HBM per device as npu-smi reports it, and the
 * vllm-ascend image tag suffix for the chip.
 */
export interface ChipFacts {
  /** HBM per logical device in MiB, when known for the chip alone. */
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
  '950DT': { imageSuffix: '-950dt', family: '950' },
};

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
