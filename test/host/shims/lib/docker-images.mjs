// Images of the simulated docker: which ones "exist" upstream (docs/ascend-facts.md §1), pull, load, images, build.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fault, latency, listImages, saveImages } from './state.mjs';
import { goTemplate, humanDuration, table } from './docker-format.mjs';

const MIRRORS = '(?:quay\\.io|m\\.daocloud\\.io/quay\\.io|quay\\.nju\\.edu\\.cn)';
const KNOWN = [
  new RegExp(`^${MIRRORS}/ascend/vllm-ascend:v(?:0\\.7\\.3|0\\.9\\.1|0\\.10\\.0rc1|0\\.11\\.0|0\\.13\\.0|0\\.18\\.0|0\\.22\\.1rc1|0\\.23\\.0)(?:-openeuler|-a3|-a3-openeuler|-310p|-310p-openeuler|-950dt|-950dt-openeuler)?$`),
  new RegExp(`^${MIRRORS}/ascend/cann:(?:8\\.1\\.rc1|8\\.2\\.rc1|8\\.3\\.rc2|8\\.5\\.0|8\\.5\\.1|9\\.1\\.0)-(?:910b|310p|a3)-(?:ubuntu22\\.04|openeuler24\\.03)-py3\\.(?:10|11|12)$`),
  /^docker\.io\/library\/(?:ubuntu:(?:22\.04|24\.04)|python:3\.(?:10|11|12)(?:-slim)?|busybox:latest)$/,
];

/** Docker's normalisation: bare names live in docker.io/library, a missing tag is :latest. */
export function normalize(ref) {
  let r = ref;
  if (!/:[^/]+$/.test(r) && !r.includes('@')) r = `${r}:latest`;
  const first = r.split('/')[0];
  if (!r.includes('/')) r = `docker.io/library/${r}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') r = `docker.io/${r}`;
  return r;
}

/** How `docker images` shows a reference (docker.io/library/ stripped). */
export function short(ref) { return ref.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, ''); }

export function findImage(ref) {
  const n = normalize(ref);
  return listImages().find((i) => normalize(i.ref) === n || i.id.replace('sha256:', '').startsWith(ref)) ?? null;
}

export const isKnown = (ref) => KNOWN.some((k) => k.test(normalize(ref)));

const hex = (n) => randomBytes(n).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `docker pull` output and result; returns the exit code. */
export async function pull(ref, out, err) {
  const n = normalize(ref);
  const [repoPath, tag] = [n.slice(0, n.lastIndexOf(':')), n.slice(n.lastIndexOf(':') + 1)];
  const registry = repoPath.split('/')[0];
  const repoShown = short(repoPath);
  if (fault('offline')) {
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    err(`Error response from daemon: Get "https://${host}/v2/": dial tcp: lookup ${host}: no such host\n`);
    return 1;
  }
  if (!isKnown(ref)) {
    if (registry === 'quay.io' || registry.endsWith('daocloud.io') || registry.endsWith('nju.edu.cn')) {
      err(`Error response from daemon: manifest for ${short(n)} not found: manifest unknown: manifest unknown\n`);
    } else {
      err(`Error response from daemon: pull access denied for ${repoShown.replace(/^library\//, '')}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n`);
    }
    return 1;
  }
  const existing = findImage(ref);
  const digest = `sha256:${createHash('sha256').update(n).digest('hex')}`;
  out(`${tag}: Pulling from ${repoPath.split('/').slice(1).join('/')}\n`);
  if (existing) {
    out(`Digest: ${digest}\nStatus: Image is up to date for ${short(n)}\n${short(n)}\n`);
    return 0;
  }
  const layers = [hex(6), hex(6), hex(6), hex(6)];
  const step = latency().pullMs / (layers.length * 2);
  for (const l of layers) out(`${l}: Pulling fs layer\n`);
  for (const l of layers) { await sleep(step); out(`${l}: Download complete\n`); }
  for (const l of layers) { await sleep(step); out(`${l}: Pull complete\n`); }
  out(`Digest: ${digest}\nStatus: Downloaded newer image for ${short(n)}\n${short(n)}\n`);
  addImage(n, 15800);
  return 0;
}

export function addImage(ref, sizeMb) {
  const images = listImages().filter((i) => normalize(i.ref) !== normalize(ref));
  const id = `sha256:${createHash('sha256').update(`${ref}${Date.now()}`).digest('hex')}`;
  images.push({ ref: short(normalize(ref)), id, created: Math.floor(Date.now() / 1000), sizeMb });
  saveImages(images);
  return id;
}

export function imagesCommand(args, out) {
  const images = listImages();
  if (args.includes('-q')) { out(images.map((i) => `${i.id.slice(7, 19)}\n`).join('')); return 0; }
  const rows = images.map((i) => {
    const r = short(normalize(i.ref));
    const at = r.lastIndexOf(':');
    return [r.slice(0, at), r.slice(at + 1), i.id.slice(7, 19), `${humanDuration(Date.now() - i.created * 1000)} ago`, `${(i.sizeMb / 1000).toFixed(1)}GB`];
  });
  const format = args.find((a, k) => args[k - 1] === '--format') ?? args.find((a) => a.startsWith('--format='))?.slice(9);
  if (format) {
    out(rows.map(([Repository, Tag, ID, CreatedSince, Size]) => `${goTemplate(format, { Repository, Tag, ID, CreatedSince, Size, Digest: '<none>' })}\n`).join(''));
    return 0;
  }
  out(table(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], rows));
  return 0;
}

/**
 * `docker load [-i file] [-q]` as docker 24 prints it without a terminal (the CLI then turns on quiet mode, so
 * no "Loading layer" bars): one `Loaded image: <tag>` per RepoTag of the archive's manifest.json, or
 * `Loaded image ID: sha256:…` for an untagged image. Errors are docker's own: the CLI's `open <file>: no such
 * file or directory`; a file that is not a tar archive, `Error processing tar file(exit status 1): archive/tar:
 * invalid tar header` (or `unexpected EOF` when shorter than one 512-byte tar block); a tar archive that is not
 * an image (no manifest.json, so the legacy loader looks for `repositories`), `open
 * /var/lib/docker/tmp/docker-import-<n>/repositories: no such file or directory`. gzip/bzip2/xz archives are
 * read like docker does (GNU tar detects the compression).
 */
export function load(args, out, err) {
  const i = args.findIndex((a) => a === '-i' || a === '--input' || a.startsWith('--input='));
  let file = i < 0 ? null : args[i].startsWith('--input=') ? args[i].slice(8) : args[i + 1];
  let tmp = null;
  if (file === null) {
    if (process.stdin.isTTY) { err('requested load from stdin, but stdin is empty\n'); return 1; }
    tmp = join(mkdtempSync(join(tmpdir(), 'docker-load-')), 'stdin.tar');
    writeFileSync(tmp, readFileSync(0));
    file = tmp;
  } else if (!existsSync(file)) {
    err(`open ${file}: no such file or directory\n`);
    return 1;
  }
  try {
    let names;
    try {
      names = execFileSync('tar', ['-tf', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }).split('\n');
    } catch {
      const short = statSync(file).size < 512;
      err(`Error processing tar file(exit status 1): ${short ? 'unexpected EOF' : 'archive/tar: invalid tar header'}\n`);
      return 1;
    }
    if (!names.some((n) => n.replace(/^\.\//, '') === 'manifest.json')) {
      err(`open /var/lib/docker/tmp/docker-import-${String(randomBytes(4).readUInt32BE(0)).padStart(9, '1')}/repositories: no such file or directory\n`);
      return 1;
    }
    const member = names.find((n) => n.replace(/^\.\//, '') === 'manifest.json');
    let manifest;
    try {
      manifest = JSON.parse(execFileSync('tar', ['-xOf', file, member], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch (e) {
      err(`${e instanceof SyntaxError ? 'invalid character in manifest.json' : 'unexpected EOF'}\n`);
      return 1;
    }
    for (const m of Array.isArray(manifest) ? manifest : []) {
      const tags = Array.isArray(m.RepoTags) ? m.RepoTags : [];
      for (const t of tags) { addImage(t, 15800); out(`Loaded image: ${t}\n`); }
      if (tags.length === 0) out(`Loaded image ID: sha256:${/([0-9a-f]{64})/.exec(String(m.Config ?? ''))?.[1] ?? createHash('sha256').update(String(m.Config)).digest('hex')}\n`);
    }
    return 0;
  } finally {
    if (tmp) rmSync(join(tmp, '..'), { recursive: true, force: true });
  }
}

/** `docker build` with the legacy builder's step output. Fails on an unknown base image. */
export async function build(args, out, err) {
  let tag = null;
  let file = null;
  let ctx = '.';
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-t' || a === '--tag') tag = args[++k];
    else if (a.startsWith('--tag=')) tag = a.slice(6);
    else if (a === '-f' || a === '--file') file = args[++k];
    else if (['--build-arg', '--network', '--platform', '--target', '--label'].includes(a)) k++;
    else if (!a.startsWith('-')) ctx = a;
  }
  const dockerfile = resolve(ctx, file ?? 'Dockerfile');
  if (!existsSync(dockerfile)) { err(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dockerfile}: no such file or directory\n`); return 1; }
  const lines = readFileSync(dockerfile, 'utf8').replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  out('DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\n');
  out('Sending build context to Docker daemon  4.096kB\n');
  let layer = hex(6);
  for (let s = 0; s < lines.length; s++) {
    const l = lines[s];
    const [instr, ...restParts] = l.split(/\s+/);
    const rest = restParts.join(' ');
    out(`Step ${s + 1}/${lines.length} : ${l}\n`);
    const op = instr.toUpperCase();
    if (op === 'FROM') {
      const base = restParts.find((p) => !p.startsWith('--'));
      if (!findImage(base)) {
        if (fault('offline') || !isKnown(base)) { await pull(base, () => {}, err); return 1; }
        await pull(base, out, err);
      }
      layer = findImage(base)?.id.slice(7, 19) ?? layer;
      out(` ---> ${layer}\n`);
      continue;
    }
    if (op === 'RUN') {
      out(` ---> Running in ${hex(6)}\n`);
      await sleep(150);
      const failure = runStepFailure(rest);
      if (failure) { err(failure); err(`The command '/bin/sh -c ${rest}' returned a non-zero code: 1\n`); return 1; }
    }
    if (op === 'COPY' || op === 'ADD') {
      const srcs = restParts.filter((p) => !p.startsWith('--')).slice(0, -1);
      const missing = srcs.find((p) => !existsSync(join(ctx, p)));
      if (missing) { err(`COPY failed: file not found in build context or excluded by .dockerignore: stat ${missing}: file does not exist\n`); return 1; }
    }
    layer = hex(6);
    out(` ---> ${layer}\n`);
  }
  out(`Successfully built ${layer}\n`);
  if (tag) { addImage(tag, 16200); out(`Successfully tagged ${short(normalize(tag))}\n`); }
  return 0;
}

/** What a RUN line of the article's kind does on a real build (pip's own messages). */
function runStepFailure(cmd) {
  if (/pip3? install/.test(cmd) && fault('offline')) {
    return "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError': Failed to establish a new connection: [Errno -3] Temporary failure in name resolution\nERROR: Could not find a version that satisfies the requirement vllm (from versions: none)\n";
  }
  const plusNpu = /(\S+)==(\S*\+npu)/.exec(cmd);
  if (plusNpu) return `ERROR: Could not find a version that satisfies the requirement ${plusNpu[1]}==${plusNpu[2]} (from versions: none)\nERROR: No matching distribution found for ${plusNpu[1]}==${plusNpu[2]}\n`;
  return null;
}
