/**
 * Loads `ascend-deploy.yaml` (docs/contracts.md §1) from its text into a typed {@link DeployDescriptor}, and resolves
 * `serve.config` (a `vllm serve --config` YAML file, relative to the descriptor) through an injected reader, so
 * the same code works on local files, workspace buffers and tests. Every problem is reported at once in a
 * {@link DescriptorError}; the JSON Schema checks of the config issue remain the editor's job.
 */
import { dirname } from 'node:path';
import { t } from '../l10n/index';
import { parseYaml } from '../config/yaml-source';
import { checkDeploymentName } from '../host-command/validate-input';
import { DescriptorError } from './descriptor-error';
import { FieldReader, isObj, type Obj } from './fields';
import { headHost, readHosts, readParallel } from './multi-node-fields';
import type { DeployDescriptor, ModelSource, ServeValue } from './types';
import { confinedContext, confinedPath, type LocalConfinement } from './local-paths';

export const MODEL_SOURCES: readonly ModelSource[] = ['modelscope', 'huggingface', 'upload', 'host'];

/** Reads a file by path; undefined (or a rejected promise) when it does not exist. */
export type FileReader = (path: string) => string | undefined | Promise<string | undefined>;

function yamlValue(text: string, fileName: string | undefined): unknown {
  const src = parseYaml(text);
  if (src.problems.length > 0) {
    throw new DescriptorError(
      src.problems.map((p) => t('YAML error at line {0}: {1}', p.range.startLine + 1, p.message || p.kind)),
      fileName,
    );
  }
  return src.value;
}

function readNpus(r: FieldReader, runtime: Obj | undefined): number[] | undefined {
  const v = runtime?.npus;
  if (v === undefined || v === null) return undefined;
  const ok = Array.isArray(v) && v.length > 0 && v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);
  if (!ok || new Set(v as number[]).size !== (v as number[]).length) {
    r.problems.push(t('"runtime.npus" must be a list of distinct NPU ids (whole numbers, 0 or more), as npu-smi info prints them.'));
    return undefined;
  }
  return v as number[];
}

function readEnv(r: FieldReader, runtime: Obj | undefined): Record<string, string> | undefined {
  const v = runtime?.env;
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    r.problems.push(t('"{0}" must be a mapping.', 'runtime.env'));
    return undefined;
  }
  const env: Array<[string, string]> = [];
  for (const [k, val] of Object.entries(v)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
      r.problems.push(t('Environment variable name {0} in runtime.env is not valid: use letters, digits and "_".', JSON.stringify(k)));
      continue;
    }
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
      r.problems.push(t('runtime.env.{0} must be a string, number or boolean.', k));
      continue;
    }
    env.push([k, String(val)]);
  }
  return Object.fromEntries(env);
}

/** Parses and types the descriptor text; `serve.config` is not read here (see {@link loadDescriptor}). */
export function parseDescriptor(text: string, fileName?: string): DeployDescriptor {
  const root = yamlValue(text, fileName);
  if (!isObj(root)) throw new DescriptorError([t('The deploy descriptor must be a YAML mapping.')], fileName);
  const r = new FieldReader();
  if (root.version !== 1) r.problems.push(t('"version" must be 1.'));
  const name = r.str(root, '', 'name', true);
  if (name !== undefined) {
    const bad = checkDeploymentName(name);
    if (bad) r.problems.push(bad);
  }
  const target = r.section(root, 'target', true);
  const model = r.section(root, 'model', true);
  const quant = r.section(root, 'quantization', false);
  const image = r.section(root, 'image', true);
  const runtime = r.section(root, 'runtime', false);
  const serve = r.section(root, 'serve', false);
  const publish = runtime && isObj(runtime.publish) ? runtime.publish : undefined;
  if (runtime?.publish !== undefined && !publish) r.problems.push(t('"{0}" must be a mapping.', 'runtime.publish'));
  const vllmAscend = r.str(target, 'target', 'vllmAscend');
  if (vllmAscend !== undefined && !/^v\d+\.\d+\.\d+(rc\d+)?$/.test(vllmAscend)) {
    r.problems.push(t('"target.vllmAscend" must be a release tag such as v0.23.0 or v0.10.0rc1.'));
  }
  const shmSize = r.str(runtime, 'runtime', 'shmSize');
  if (shmSize !== undefined && !/^\d+(\.\d+)?[bkmgBKMG]?$/.test(shmSize)) {
    r.problems.push(t('"runtime.shmSize" must be a size such as 1g or 512m.'));
  }
  const serveConfig = r.str(serve, 'serve', 'config');
  if (serveConfig !== undefined && !/\.ya?ml$/.test(serveConfig)) {
    r.problems.push(t('"serve.config" must name a .yaml or .yml file (vllm serve --config accepts only YAML).'));
  }
  const hosts = readHosts(r, target);
  const descriptor: DeployDescriptor = {
    version: 1,
    name: name ?? '',
    target: {
      host: headHost(r, r.str(target, 'target', 'host', target !== undefined && target.hosts === undefined), hosts) ?? '',
      ...(hosts ? { hosts } : {}),
      chip: r.str(target, 'target', 'chip'),
      vllmAscend,
    },
    model: {
      id: r.str(model, 'model', 'id', model !== undefined) ?? '',
      source: r.oneOf(model, 'model', 'source', MODEL_SOURCES),
      hostPath: r.str(model, 'model', 'hostPath'),
      localPath: r.localPath(model, 'model', 'localPath'),
      uploadRoot: r.str(model, 'model', 'uploadRoot'),
    },
    quantization: quant ? {
      scheme: r.str(quant, 'quantization', 'scheme')?.toLowerCase(),
      outputPath: r.str(quant, 'quantization', 'outputPath'),
      trustRemoteCode: r.bool(quant, 'quantization', 'trustRemoteCode'),
    } : undefined,
    image: {
      tag: r.str(image, 'image', 'tag', image !== undefined) ?? '',
      dockerfile: r.str(image, 'image', 'dockerfile'),
      base: r.str(image, 'image', 'base'),
      tarball: r.localPath(image, 'image', 'tarball'),
    },
    runtime: {
      npus: readNpus(r, runtime),
      shmSize,
      publish: publish ? { address: r.str(publish, 'runtime.publish', 'address'), port: r.int(publish, 'runtime.publish', 'port', 1, 65535) } : undefined,
      env: readEnv(r, runtime),
      ...(runtime?.parallel !== undefined ? { parallel: readParallel(r, runtime) } : {}),
    },
    serve: serve ? inlineServe(serve) : {},
    serveConfigPath: serveConfig,
  };
  if (r.problems.length > 0) throw new DescriptorError(r.problems, fileName);
  return descriptor;
}

/** Serve keys as written (fromEntries keeps a key named `__proto__` as a key, where `out[k] = v` would not). */
function inlineServe(serve: Obj): Record<string, ServeValue> {
  return Object.fromEntries(Object.entries(serve).filter(([k]) => k !== 'config')) as Record<string, ServeValue>;
}

/** `rel` resolved against the folder of `fileName`, with the separator style of `fileName`. */
export function resolveRelative(fileName: string | undefined, rel: string): string {
  if (rel.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rel) || !fileName) return rel;
  const sep = fileName.includes('\\') && !fileName.includes('/') ? '\\' : '/';
  const cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const parts = (cut >= 0 ? fileName.slice(0, cut) : '.').split(/[\\/]/);
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 1 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '.') parts.pop();
    else parts.push(seg);
  }
  return parts.join(sep);
}

/** `model.localPath` and `image.tarball` resolved against the descriptor's folder (they name local files). */
export function withLocalPathsResolved(d: DeployDescriptor, fileName: string | undefined): DeployDescriptor {
  const model = d.model.localPath === undefined ? d.model : { ...d.model, localPath: resolveRelative(fileName, d.model.localPath) };
  const image = d.image.tarball === undefined ? d.image : { ...d.image, tarball: resolveRelative(fileName, d.image.tarball) };
  return { ...d, model, image };
}

/**
 * With `confine`, every local path the descriptor names is replaced by its real location, after checking that
 * it lies inside the workspace folder (local-paths.ts); the Dockerfile's folder, the default build context,
 * must not be or hold the home folder. Throws LocalPathRefusedError.
 */
async function confineAll(d: DeployDescriptor, fileName: string | undefined, c: LocalConfinement): Promise<DeployDescriptor> {
  const dir = fileName ? dirname(fileName) : c.workspaceDir;
  const at = (key: string, p: string | undefined): Promise<string | undefined> => (p === undefined ? Promise.resolve(undefined) : confinedPath(key, p, dir, c));
  const [dockerfile, tarball, localPath, serveConfigPath] = await Promise.all([
    at('image.dockerfile', d.image.dockerfile), at('image.tarball', d.image.tarball), at('model.localPath', d.model.localPath), at('serve.config', d.serveConfigPath),
  ]);
  if (dockerfile !== undefined) await confinedContext('image.dockerfile', dirname(dockerfile), dir, c);
  return {
    ...d,
    image: { ...d.image, dockerfile, tarball },
    model: { ...d.model, localPath },
    serveConfigPath,
  };
}

/**
 * Parses the descriptor and, when it names `serve.config`, reads that file through `readFile` and merges its
 * keys under the inline `serve` keys (inline wins); `model.localPath` and `image.tarball` are resolved against
 * the descriptor's folder. With `confine` (every caller that uploads or deploys), the local paths must stay
 * inside the workspace folder, and are checked before serve.config is read. Throws {@link DescriptorError}
 * with every problem found, or LocalPathRefusedError.
 */
export async function loadDescriptor(text: string, fileName: string | undefined, readFile?: FileReader, confine?: LocalConfinement): Promise<DeployDescriptor> {
  let d = withLocalPathsResolved(parseDescriptor(text, fileName), fileName);
  if (confine) d = await confineAll(d, fileName, confine);
  if (!d.serveConfigPath) return d;
  const path = confine ? d.serveConfigPath : resolveRelative(fileName, d.serveConfigPath);
  let body: string | undefined;
  try {
    body = readFile ? await readFile(path) : undefined;
  } catch {
    body = undefined;
  }
  if (body === undefined) throw new DescriptorError([t('Cannot read the serve config file {0} named by serve.config.', path)], fileName);
  const value = yamlValue(body, path);
  if (value !== null && value !== undefined && !isObj(value)) {
    throw new DescriptorError([t('The serve config file {0} must be a YAML mapping of vLLM engine args.', path)], path);
  }
  return { ...d, serve: { ...((value ?? {}) as Record<string, ServeValue>), ...d.serve }, serveConfigPath: path };
}
