/**
 * `ascend.fetchModel`: download the weights on the host, or check the folder that is already there.
 * - ModelScope: `modelscope download --model <id> --local_dir <dir>`; a mirror goes in MODELSCOPE_DOMAIN (a host
 *   name: ModelScope adds the scheme itself).
 * - Hugging Face: `huggingface-cli download <id> --local-dir <dir>`; a mirror goes in HF_ENDPOINT.
 * These commands and variables are the tools' own public interfaces; ascend-facts does not cover them.
 * - upload: the local folder `model.localPath` (relative to the descriptor) goes to `model.hostPath` over SFTP,
 *   incrementally by content hash (the runner's folder sync); the local folder must pass the same check first.
 * Verification: config.json parses, and every shard named by model.safetensors.index.json is in the folder (or
 * a single model.safetensors is). When it passes, the download is skipped.
 */
import { isAbsolute, resolve } from 'node:path';
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { requireValid } from '../../host-command/validate-input';
import { withEnv } from '../host/env-argv';
import { endpointUrl } from '../host/mirrors';
import { PlanError } from '../../host-command/plan-error';

export const INDEX_FILE = 'model.safetensors.index.json';

export interface FetchPlan {
  source: 'modelscope' | 'huggingface' | 'upload' | 'host';
  targetPath: string;
  /** Commands that make the parent folder and download; empty for `upload` (SFTP) and `host`. */
  steps: string[][];
  /** Commands whose outputs {@link verifyModelFolder} takes: config.json, the index, the listing. */
  probes: { config: string[]; index: string[]; listing: string[] };
}

export function planFetchModel(d: DeployDescriptor, mirror?: string): FetchPlan {
  const id = requireValid('modelId', d.model.id);
  if (!d.model.hostPath) throw new PlanError('missing-model-path', t('model.hostPath is required: it names the folder for the weights on the host.'));
  const dir = requireValid('remotePath', d.model.hostPath.replace(/\/+$/, '') || '/');
  const source = d.model.source ?? 'modelscope';
  const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
  const steps: string[][] = [];
  const m = mirror?.trim();
  if (source === 'modelscope') {
    const env: Record<string, string> = m ? { MODELSCOPE_DOMAIN: new URL(endpointUrl(m)).host } : {};
    steps.push(['mkdir', '-p', parent], withEnv(env, ['modelscope', 'download', '--model', id, '--local_dir', dir]));
  } else if (source === 'huggingface') {
    const env: Record<string, string> = m ? { HF_ENDPOINT: endpointUrl(m) } : {};
    steps.push(['mkdir', '-p', parent], withEnv(env, ['huggingface-cli', 'download', id, '--local-dir', dir]));
  } else if (source === 'upload') {
    steps.push(['mkdir', '-p', dir]);
  }
  return {
    source, targetPath: dir, steps,
    probes: { config: ['cat', `${dir}/config.json`], index: ['cat', `${dir}/${INDEX_FILE}`], listing: ['ls', '-1', dir] },
  };
}

export interface ModelUploadPlan {
  /** The local folder (absolute). */
  localDir: string;
  /** model.hostPath (validated). */
  targetPath: string;
}

/**
 * `source: upload`: which local folder goes where. `model.localPath` is relative to the descriptor's folder
 * (loadDescriptor resolves it; `descriptorDir` covers descriptors parsed without a file name) or absolute.
 * The local path only ever reaches file system calls; the names inside it reach the host through SFTP (or as
 * quoted arguments), never through a shell line.
 */
export function planModelUpload(d: DeployDescriptor, descriptorDir?: string): ModelUploadPlan {
  const plan = planFetchModel(d);
  const local = d.model.localPath;
  if (!local) {
    throw new PlanError('missing-model-path', t('model.localPath is required with model.source: upload: it names the local folder to upload to {0}.', plan.targetPath));
  }
  return { localDir: isAbsolute(local) ? resolve(local) : resolve(descriptorDir ?? process.cwd(), local), targetPath: plan.targetPath };
}

export interface ModelFolderCheck {
  ok: boolean;
  problems: string[];
  /** `model_type` and `architectures` from config.json, when readable. */
  modelType?: string;
  architectures?: string[];
}

export function verifyModelFolder(input: { configJson?: string; indexJson?: string; listing: readonly string[] }): ModelFolderCheck {
  const problems: string[] = [];
  let modelType: string | undefined;
  let architectures: string[] | undefined;
  if (input.configJson === undefined) {
    problems.push(t('config.json is missing.'));
  } else {
    try {
      const c = JSON.parse(input.configJson) as Record<string, unknown>;
      if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new Error('not an object');
      modelType = typeof c.model_type === 'string' ? c.model_type : undefined;
      architectures = Array.isArray(c.architectures) ? c.architectures.filter((a): a is string => typeof a === 'string') : undefined;
    } catch {
      problems.push(t('config.json is not valid JSON.'));
    }
  }
  const files = new Set(input.listing.map((f) => f.trim()).filter(Boolean));
  if (input.indexJson !== undefined) {
    let shards: string[] = [];
    try {
      const idx = JSON.parse(input.indexJson) as { weight_map?: Record<string, unknown> };
      shards = [...new Set(Object.values(idx.weight_map ?? {}).filter((s): s is string => typeof s === 'string'))];
      if (shards.length === 0) problems.push(t('{0} has an empty weight_map.', INDEX_FILE));
    } catch {
      problems.push(t('{0} is not valid JSON.', INDEX_FILE));
    }
    const missing = shards.filter((s) => !files.has(s));
    if (missing.length > 0) problems.push(t('Weight shards named by the index are missing: {0}', missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', …' : '')));
  } else if (!files.has('model.safetensors')) {
    problems.push(t('Neither {0} nor model.safetensors is in the folder.', INDEX_FILE));
  }
  return { ok: problems.length === 0, problems, modelType, architectures };
}
