/** Inputs shared by the remote-plan tests: npu-smi fixtures and a descriptor written from docs/contracts.md §1. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDescriptor } from '../../../src/core/descriptor/index';
import type { DeployDescriptor } from '../../../src/core/descriptor/index';

export function npuFixture(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'fixtures', 'npu-smi', name), 'utf8');
}

export const CODER_YAML = `version: 1
name: coder
target:
  host: kunpeng-01
  chip: 910B4
  vllmAscend: v0.23.0
model:
  id: deepseek-ai/deepseek-coder-6.7b-base
  source: modelscope
  hostPath: /data/models/deepseek-coder-6.7b-base
image:
  tag: ascend-llm/coder:v0.23.0
  base: quay.io/ascend/vllm-ascend:v0.23.0
runtime:
  npus: [2, 3]
  shmSize: 1g
  publish: { address: 127.0.0.1, port: 8000 }
  env: { PYTORCH_NPU_ALLOC_CONF: "expandable_segments:True" }
serve:
  served-model-name: deepseek-coder
  max-model-len: 16384
  tensor-parallel-size: 2
`;

/** The coder descriptor with some fields replaced. */
export function coder(patch: (d: DeployDescriptor) => void = () => {}): DeployDescriptor {
  const d = parseDescriptor(CODER_YAML, '/ws/ascend-deploy.yaml');
  patch(d);
  return d;
}

/**
 * `npu-smi info -m` of an A3 host (2 NPUs × 2 dies), laid out as docs/ascend-facts.md §4 item 5 describes (no A3 `-m`
 * output is shipped): one logic id per die, the MCU row with `-`.
 */
export const A3_MAP = `        NPU ID                         Chip ID                        Chip Logic ID                  Chip Name
        0                              0                              0                              Ascend 910
        0                              1                              1                              Ascend 910
        0                              2                              -                              Mcu
        1                              0                              2                              Ascend 910
        1                              1                              3                              Ascend 910
        1                              2                              -                              Mcu
`;

export const HOST = { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' };
