/**
 * Stable codes of the config engine's findings (ASC1xx), with the page that explains each.
 * Links point at the sources the facts were read from (vLLM / vllm-ascend at the commits in schemas/source/).
 * Suppress one on a line with `# ascend-llm-disable-line ASC110` (see suppression.ts).
 */
const VLLM = 'https://github.com/vllm-project/vllm/blob/eebce65756f0beb08547439728da98b5e1a7119c/';
const VA = 'https://github.com/vllm-project/vllm-ascend/blob/5cb98caaadeff42b5b62b996e34bb2aaa29d20fd/';
const ARGPARSE = `${VLLM}vllm/utils/argparse_utils.py`;

export const Codes = {
  syntax: 'ASC100',
  skipped: 'ASC101',
  tooDeep: 'ASC102',
  jsonConfig: 'ASC103',
  serveConfigMissing: 'ASC104',
  unknownKey: 'ASC110',
  missingKey: 'ASC111',
  badValue: 'ASC112',
  notAllowed: 'ASC113',
  duplicateKey: 'ASC114',
  removedKey: 'ASC120',
  removedAscendKey: 'ASC121',
  falseIgnored: 'ASC122',
  shortAlias: 'ASC123',
  tpHeads: 'ASC130',
  tpNpus: 'ASC131',
  noModelFacts: 'ASC132',
  maxModelLen: 'ASC133',
  unknownModel: 'ASC134',
  tpKvHeads: 'ASC135',
  p310Dtype: 'ASC140',
  p310MaxLen: 'ASC141',
  p310Support: 'ASC142',
  p310Eager: 'ASC143',
  quantAscend: 'ASC150',
  quantW4a16: 'ASC151',
  imageSuffix: 'ASC160',
  imageNotAscend: 'ASC161',
  imageVersion: 'ASC162',
  visibleDevices: 'ASC170',
  hostLoopback: 'ASC171',
  memoryFit: 'ASC180',
  memoryInfo: 'ASC181',
  unknownAscendKey: 'ASC190',
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];

export const docUrl: Record<string, string> = {
  ASC100: 'https://yaml.org/spec/1.2.2/',
  ASC101: `${ARGPARSE}#L552`,
  ASC102: 'https://yaml.org/spec/1.2.2/',
  ASC103: `${ARGPARSE}#L552`,
  ASC104: `${ARGPARSE}#L443`,
  ASC110: `${ARGPARSE}#L572`,
  ASC111: `${ARGPARSE}#L498`,
  ASC112: `${VLLM}vllm/engine/arg_utils.py#L286`,
  ASC113: `${VLLM}vllm/engine/arg_utils.py#L286`,
  ASC114: `${ARGPARSE}#L572`,
  ASC120: 'https://github.com/vllm-project/vllm/pull/21349',
  ASC121: `${VA}docs/source/user_guide/configuration/additional_config.md`,
  ASC122: `${ARGPARSE}#L573`,
  ASC123: `${ARGPARSE}#L301`,
  ASC130: `${VLLM}vllm/config/parallel.py`,
  ASC131: `${VA}docs/source/installation.md`,
  ASC132: `${VLLM}vllm/config/parallel.py`,
  ASC133: `${VLLM}vllm/config/model.py#L2112`,
  ASC134: 'https://github.com/deepseek-ai/DeepSeek-Coder',
  ASC135: `${VLLM}vllm/model_executor/layers/linear.py#L1026`,
  ASC140: `${VA}docs/source/quick_start.md#L42`,
  ASC141: `${VA}docs/source/tutorials/models/Qwen3-Embedding.md#L175`,
  ASC142: `${VA}docs/source/quick_start.md`,
  ASC143: `${VA}docs/source/quick_start.md`,
  ASC150: `${VA}docs/source/user_guide/feature_guide/quantization.md`,
  ASC151: `${VA}docs/source/user_guide/feature_guide/quantization.md`,
  ASC160: `${VA}docs/source/installation.md`,
  ASC161: `${VA}docs/source/installation.md`,
  ASC162: `${VA}docs/source/community/versioning_policy.md`,
  ASC170: `${VA}vllm_ascend/platform.py`,
  ASC171: `${VLLM}vllm/entrypoints/openai/cli_args.py#L228`,
  ASC180: `${VLLM}vllm/config/cache.py#L67`,
  ASC181: `${VLLM}vllm/config/scheduler.py#L63`,
  ASC190: `${VA}docs/source/user_guide/configuration/additional_config.md`,
};
