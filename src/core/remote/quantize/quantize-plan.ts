/**
 * `ascend.quantizeModel`: the msModelSlim quick (V1) command (docs/ascend-facts.md §3):
 *   msmodelslim quant --model_path M --save_path S --device npu[:0,1,..] --model_type <name> --quant_type <t>
 *                     [--trust_remote_code True]
 * with ASCEND_RT_VISIBLE_DEVICES and PYTORCH_NPU_ALLOC_CONF=expandable_segments:False for several NPUs.
 * W4A16 is refused for dense models before anything runs: vllm-ascend registers W4A16 for MoE experts only.
 * `--trust_remote_code True` makes msModelSlim run the model repository's own Python (its modeling files) on the
 * host, as the SSH user and outside any container, so it is passed only when the descriptor says
 * `quantization.trustRemoteCode: true`, with a warning (docs/deploy-safety.md).
 * The output is verified from `quant_model_description.json` (`model_quant_type`).
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { requireValid } from '../../host-command/validate-input';
import { withEnv } from '../host/env-argv';
import { archFromConfig, archFromId, modelTypeFor, noQuickPathNote, QUICK_QUANT_TYPES, type ModelArch } from './model-family';
import { PlanError } from '../../host-command/plan-error';

/** `--quant_type` values of the V1 CLI (msModelSlim 26.1.0; see model-family.ts). */
export const V1_QUANT_TYPES = QUICK_QUANT_TYPES;

/**
 * The overall `model_quant_type` each scheme may produce. The tensor-level names are in docs/ascend-facts.md §3; which
 * overall value a scheme writes is not stated there, so the dynamic variants are accepted too.
 */
const W4A4_TYPES = ['W4A4_DYNAMIC', 'W4A4_MXFP4', 'W4A4_MXFP4_DUALSCALE', 'W4A4_MXFP4_SVD'];
const EXPECTED_TYPES: Record<string, string[]> = {
  w8a8: ['W8A8', 'W8A8_DYNAMIC', 'W8A8_MIX'],
  w8a8c8: ['W8A8', 'W8A8_DYNAMIC'],
  w8a16: ['W8A16'],
  w4a8: ['W4A8', 'W4A8_DYNAMIC'],
  w4a8c8: ['W4A8', 'W4A8_DYNAMIC'],
  w8a8s: ['W8A8S', 'W8A8SC'],
  w16a16s: ['W16A16S'],
  w4a16: ['W4A16'],
  // msModelSlim 26.1.0 types: the overall values its AscendV1 saver can record (QUANT_TYPE_PRIORITY in
  // msmodelslim/core/quant_service/modelslim_v1/save/ascendv1.py), 4-bit or 8-bit as the scheme says.
  w4a4: W4A4_TYPES, w4a4c8: W4A4_TYPES, w4a4f8: W4A4_TYPES, w4a4f4: W4A4_TYPES,
  w8a8f8: ['W8A8', 'W8A8_DYNAMIC', 'W8A8_MIX', 'W8A8_MXFP8'],
};

export interface QuantizePlan {
  argv: string[];
  modelType: string;
  /** False when the model is not in msModelSlim's matrix (the tool then picks a default practice). */
  modelTypeKnown: boolean;
  arch: ModelArch;
  outputPath: string;
  expectedQuantTypes: string[];
  /** `ls -1` of the output folder: feed it to descriptionFileIn(), then `cat` that file for verifyQuantOutput(). */
  listingProbe: string[];
  notes: string[];
}

export interface QuantizeInput {
  descriptor: DeployDescriptor;
  /** Text of the model's config.json on the host, when read. */
  configJson?: string;
  /** Host logic ids of the NPUs to quantize on; one NPU when absent. */
  logicIds?: readonly number[];
  /** msModelSlim --model_type, when the user knows better than our table. */
  modelType?: string;
}

export function planQuantize(input: QuantizeInput): QuantizePlan {
  const d = input.descriptor;
  const scheme = d.quantization?.scheme?.toLowerCase();
  if (!scheme) throw new PlanError('unsupported-scheme', t('quantization.scheme is not set in the descriptor.'));
  const fromConfig = archFromConfig(input.configJson);
  const arch = fromConfig !== 'unknown' ? fromConfig : archFromId(d.model.id);
  if (scheme === 'w4a16' && arch !== 'moe') {
    throw new PlanError('w4a16-dense', arch === 'dense'
      ? t('W4A16 is refused for {0}: it is a dense model, and vllm-ascend serves W4A16 only for MoE expert layers. Use w8a8 (or w8a16).', d.model.id)
      : t('W4A16 is refused for {0}: vllm-ascend serves W4A16 only for MoE expert layers, and nothing shows this model is MoE. Use w8a8 (or w8a16).', d.model.id));
  }
  if (!V1_QUANT_TYPES.includes(scheme)) {
    throw new PlanError('unsupported-scheme', t('msmodelslim quant has no --quant_type {0}; it takes {1}.', scheme, V1_QUANT_TYPES.join(', ')));
  }
  if (!d.model.hostPath) throw new PlanError('missing-model-path', t('model.hostPath is required to quantize: it names the folder with the weights on the host.'));
  if (!d.quantization?.outputPath) throw new PlanError('missing-quant-output', t('quantization.outputPath is required: it names the folder msModelSlim writes on the host.'));
  const modelPath = requireValid('remotePath', d.model.hostPath);
  const outputPath = requireValid('remotePath', d.quantization.outputPath);
  const { modelType, known } = input.modelType ? { modelType: input.modelType, known: true } : modelTypeFor(d.model.id);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(modelType)) throw new PlanError('unsupported-scheme', t('msModelSlim model type {0} is not a valid name.', JSON.stringify(modelType)));
  const notes: string[] = [];
  if (!known) notes.push(noQuickPathNote(d.model.id, scheme));

  const ids = [...(input.logicIds ?? [])];
  const env: Record<string, string> = {};
  let device = 'npu';
  if (ids.length > 0) env.ASCEND_RT_VISIBLE_DEVICES = ids.join(',');
  if (ids.length > 1) {
    device = `npu:${ids.map((_, i) => i).join(',')}`;
    env.PYTORCH_NPU_ALLOC_CONF = 'expandable_segments:False';
  }
  const argv = withEnv(env, [
    'msmodelslim', 'quant', '--model_path', modelPath, '--save_path', outputPath, '--device', device,
    '--model_type', modelType, '--quant_type', scheme,
  ]);
  if (d.quantization.trustRemoteCode === true) {
    argv.push('--trust_remote_code', 'True');
    notes.push(t('quantization.trustRemoteCode is true: msModelSlim runs the Python code that comes with {0} on {1} as your SSH user, outside any container. Only do this for a model repository you trust.', d.model.id, d.target.host));
  }
  return { argv, modelType, modelTypeKnown: known, arch, outputPath, expectedQuantTypes: EXPECTED_TYPES[scheme], listingProbe: ['ls', '-1', outputPath], notes };
}

export interface QuantOutputCheck {
  ok: boolean;
  found?: string;
  /** Localized problems; empty when ok. */
  problems: string[];
}

/** The description file in a folder listing: `quant_model_description.json` or `quant_model_description_<type>.json`. */
export function descriptionFileIn(listing: readonly string[]): string | undefined {
  return listing.find((f) => f === 'quant_model_description.json') ?? listing.find((f) => /^quant_model_description.*\.json$/.test(f));
}

/** Verifies msModelSlim output from its description text and the folder listing. */
export function verifyQuantOutput(descriptionJson: string | undefined, listing: readonly string[], expected: readonly string[]): QuantOutputCheck {
  const problems: string[] = [];
  let found: string | undefined;
  if (descriptionJson === undefined) {
    problems.push(t('quant_model_description.json is missing from the output folder.'));
  } else {
    try {
      const v = JSON.parse(descriptionJson) as Record<string, unknown>;
      found = typeof v?.model_quant_type === 'string' ? v.model_quant_type : undefined;
    } catch {
      found = undefined;
    }
    if (found === undefined) problems.push(t('quant_model_description.json has no model_quant_type.'));
    else if (!expected.includes(found.toUpperCase())) problems.push(t('The output is {0}, but {1} was expected.', found, expected.join(' / ')));
  }
  if (!listing.some((f) => f.endsWith('.safetensors'))) problems.push(t('The output folder holds no .safetensors weights.'));
  if (!listing.includes('config.json')) problems.push(t('The output folder has no config.json.'));
  return { ok: problems.length === 0, found, problems };
}
