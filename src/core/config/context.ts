/**
 * What every rule sees: the parsed file, the serve keys (top level of a serve file, or the deploy descriptor's
 * `serve:` mapping), the deploy descriptor that applies (this file, or one in the same folder that names this
 * file in `serve.config`), and the target version / chip / NPUs it implies.
 * `effective` is what `vllm serve` gets when the descriptor names a `serve.config` file: deploy passes the
 * descriptor's inline serve keys as flags and the file as `--config`, and flags win over the file
 * (docs/vllm-arithmetic.md, "serve.config").
 */
import { isMap } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { Range } from '../diagnostics';
import { findPair, mapPairs, nodeRange, parseYaml } from './yaml-source';
import type { YamlSource } from './yaml-source';
import { normalizeServeKey, prefersUnderscore } from './keys';
import { SCHEMA_VLLM_ASCEND_VERSION } from './schemas';
import { selectTarget, type TargetChoice, type TargetInputs } from '../versions/target-select';

export interface Entry {
  /** Key as written. */
  key: string;
  /** Dashed form (see normalizeServeKey). */
  norm: string;
  pair: Pair<Node, Node | null>;
  keyRange: Range;
  /** Range of the value; the key's range when the value is empty. */
  valueRange: Range;
  value: unknown;
}

export interface MapView {
  entries: Entry[];
  byNorm: Map<string, Entry>;
  /** Column of the keys (indentation for inserted keys). */
  indent: number;
  underscore: boolean;
  /** The map node, for inserting keys after its last entry. */
  node: Node | null;
  /** Path of this map in the file (e.g. ['serve'] in a descriptor). */
  path: string[];
}

export interface DeployInfo {
  value: Record<string, unknown>;
  /** Parsed source of the descriptor (this file or the sibling). */
  src: YamlSource;
  inThisFile: boolean;
  fileName: string;
}

export interface ConfigContext {
  fileName: string;
  kind: 'vllm-serve' | 'deploy';
  src: YamlSource;
  targetVersion: string;
  /** Was the target given (CLI flag or descriptor), or is it the schema's default? */
  targetExplicit: boolean;
  /** Which release applies and why (override, descriptor, image, pip pin, host, default). */
  target: TargetChoice;
  serve?: MapView;
  /** Serve values by dashed key as vLLM sees them (inline descriptor keys over the serve.config file), when a descriptor with serve.config applies. */
  effective?: Map<string, unknown>;
  /** The serve.config file named by this descriptor, when it was read. */
  serveFile?: { fileName: string; view: MapView };
  deploy?: DeployInfo;
  chip?: string;
  npus?: number[];
  workspaceFiles?: (relPath: string) => string | undefined;
  /** Resolves a path relative to this file's folder into what workspaceFiles expects. */
  resolve: (rel: string) => string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function dirOf(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return i === -1 ? '' : fileName.slice(0, i);
}

export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/')) return rel;
  const parts = (dir ? `${dir}/${rel}` : rel).split(/[\\/]+/);
  const out: string[] = [];
  for (const p of parts) {
    if (p === '.' || p === '') { if (out.length === 0 && p === '' && dir.startsWith('/')) out.push(''); continue; }
    if (p === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

export function mapView(src: YamlSource, node: unknown, jsValue: unknown, path: string[]): MapView {
  const entries: Entry[] = [];
  const values = isRecord(jsValue) ? jsValue : {};
  for (const { key, pair } of mapPairs(node)) {
    const keyRange = nodeRange(src, pair.key as Node) ?? { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
    const valueRange = nodeRange(src, pair.value) ?? keyRange;
    entries.push({ key, norm: normalizeServeKey(key), pair, keyRange, valueRange, value: Object.hasOwn(values, key) ? values[key] : undefined });
  }
  const byNorm = new Map<string, Entry>();
  for (const e of entries) byNorm.set(e.norm, e); // last one wins, as on vLLM's command line
  return {
    entries,
    byNorm,
    indent: entries[0]?.keyRange.startColumn ?? 0,
    underscore: prefersUnderscore(entries.map((e) => e.key)),
    node: isMap(node) ? (node as Node) : null,
    path,
  };
}

/** What the descriptor says about the release: target.vllmAscend, its image references, its Dockerfile's FROM and pins. */
function targetInputs(deploy: DeployInfo | undefined, read?: (p: string) => string | undefined): TargetInputs {
  if (!deploy) return {};
  const v = deploy.value;
  const target = isRecord(v.target) ? v.target : {};
  const image = isRecord(v.image) ? v.image : {};
  const images: NonNullable<TargetInputs['images']> = [];
  const pins: NonNullable<TargetInputs['pins']> = [];
  for (const k of ['base', 'tag'] as const) if (typeof image[k] === 'string') images.push({ ref: image[k] as string, where: `image.${k}` });
  if (typeof image.dockerfile === 'string' && read) {
    const path = joinPath(dirOf(deploy.fileName), image.dockerfile);
    const text = read(path);
    if (text && text.length < 1_000_000) {
      for (const m of text.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)) images.push({ ref: m[1], where: image.dockerfile });
      pins.push({ text, where: image.dockerfile });
    }
  }
  return { descriptorTarget: typeof target.vllmAscend === 'string' ? target.vllmAscend : undefined, images, pins };
}

function deployFacts(value: Record<string, unknown>): { chip?: string; npus?: number[]; version?: string } {
  const target = isRecord(value.target) ? value.target : {};
  const runtime = isRecord(value.runtime) ? value.runtime : {};
  const chip = typeof target.chip === 'string' ? target.chip : undefined;
  const version = typeof target.vllmAscend === 'string' ? target.vllmAscend : undefined;
  const npus = Array.isArray(runtime.npus) && runtime.npus.every((n) => typeof n === 'number') ? (runtime.npus as number[]) : undefined;
  return { chip, npus, version };
}

/** A descriptor in the same folder whose serve.config names this file. */
function siblingDeploy(fileName: string, read?: (p: string) => string | undefined): DeployInfo | undefined {
  if (!read) return undefined;
  const dir = dirOf(fileName);
  for (const n of ['ascend-deploy.yaml', 'ascend-deploy.yml']) {
    const p = joinPath(dir, n);
    const text = read(p);
    if (!text) continue;
    const src = parseYaml(text);
    if (!isRecord(src.value)) continue;
    const serve = src.value.serve;
    if (isRecord(serve) && typeof serve.config === 'string' && joinPath(dir, serve.config) === joinPath(dir, baseOf(fileName))) {
      return { value: src.value, src, inThisFile: false, fileName: p };
    }
  }
  return undefined;
}

/** Dashed serve values of a map view; `config` (the file reference itself) left out. */
function valuesOf(view: MapView | undefined, into: Map<string, unknown>): void {
  for (const e of view?.entries ?? []) if (e.norm !== 'config') into.set(e.norm, e.value);
}

function readServeFile(deployFile: string, ref: string, read?: (p: string) => string | undefined): { fileName: string; view: MapView } | undefined {
  if (!read || !/\.ya?ml$/i.test(ref)) return undefined;
  const fileName = joinPath(dirOf(deployFile), ref);
  const text = read(fileName);
  if (!text || text.length > 1_000_000) return undefined;
  const src = parseYaml(text);
  if (!isRecord(src.value)) return undefined;
  return { fileName, view: mapView(src, src.doc?.contents, src.value, []) };
}

function baseOf(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1];
}

export function buildContext(input: {
  fileName: string;
  kind: 'vllm-serve' | 'deploy';
  src: YamlSource;
  targetVersion?: string;
  /** The release Check Host found installed (pip show vllm-ascend), when known. */
  hostInstalled?: string;
  workspaceFiles?: (relPath: string) => string | undefined;
}): ConfigContext {
  const { fileName, kind, src } = input;
  const dir = dirOf(fileName);
  const ctx: ConfigContext = {
    fileName,
    kind,
    src,
    targetVersion: input.targetVersion ?? SCHEMA_VLLM_ASCEND_VERSION,
    targetExplicit: !!input.targetVersion,
    target: selectTarget({ override: input.targetVersion }),
    workspaceFiles: input.workspaceFiles,
    resolve: (rel) => joinPath(dir, rel),
  };
  const root = src.doc?.contents;
  if (kind === 'vllm-serve') {
    ctx.serve = mapView(src, root, src.value, []);
    ctx.deploy = siblingDeploy(fileName, input.workspaceFiles);
  } else if (isRecord(src.value)) {
    ctx.deploy = { value: src.value, src, inThisFile: true, fileName };
    const servePair = findPair(root, ['serve']);
    if (servePair && isMap(servePair.value)) ctx.serve = mapView(src, servePair.value, src.value.serve, ['serve']);
  }
  if (ctx.deploy) {
    const inline = isRecord(ctx.deploy.value.serve) ? ctx.deploy.value.serve : undefined;
    const ref = typeof inline?.config === 'string' ? inline.config : undefined;
    if (ref) {
      const effective = new Map<string, unknown>();
      if (ctx.deploy.inThisFile) {
        ctx.serveFile = readServeFile(fileName, ref, input.workspaceFiles);
        valuesOf(ctx.serveFile?.view, effective);
        valuesOf(ctx.serve, effective);
      } else {
        valuesOf(ctx.serve, effective);
        const dsrc = ctx.deploy.src;
        const servePair = findPair(dsrc.doc?.contents, ['serve']);
        if (servePair && isMap(servePair.value)) valuesOf(mapView(dsrc, servePair.value, inline, ['serve']), effective);
      }
      ctx.effective = effective;
    }
    const f = deployFacts(ctx.deploy.value);
    ctx.chip = f.chip;
    ctx.npus = f.npus;
  }
  ctx.target = selectTarget({ override: input.targetVersion, ...targetInputs(ctx.deploy, input.workspaceFiles), hostInstalled: input.hostInstalled });
  ctx.targetVersion = ctx.target.tag;
  ctx.targetExplicit = ctx.target.source !== 'default';
  return ctx;
}
