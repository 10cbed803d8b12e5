// The simulated host's state folder (SIMHOST_STATE): faults, latency, containers, images.
// Written by test/host/control.ts and the shims; the extension never reads it.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export function stateDir() {
  const d = process.env.SIMHOST_STATE;
  if (!d) { process.stderr.write('simulated host: SIMHOST_STATE is not set\n'); process.exit(127); }
  return d;
}

export function readJson(file, fallback) {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return fallback; }
}

export function writeJson(file, value) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2));
  renameSync(tmp, file);
}

/** host.json: { profile, ascendPrefix, devPrefix, etcPrefix, home, hostRoot, nodePath, createdAt } */
export function hostInfo(dir = stateDir()) { return readJson(join(dir, 'host.json'), {}); }

export function fault(name, dir = stateDir()) { return existsSync(join(dir, 'faults', name)); }

/** @returns {{ ttftMs: number, itlMs: number, jitterMs: number, maxConcurrency: number, startupMs: number,
 *   pullMs: number, quantMs: number, runMs: number, handshakeTimeoutMs: number }} */
export function latency(dir = stateDir()) {
  const d = { ttftMs: 80, itlMs: 20, jitterMs: 0, maxConcurrency: 4, startupMs: 3000, pullMs: 1500, quantMs: 4000, runMs: 0, handshakeTimeoutMs: 300000 };
  return { ...d, ...readJson(join(dir, 'latency.json'), {}) };
}

export function alive(pid) {
  if (!pid) return false;
  try { process.kill(pid, 0); } catch { return false; }
  // A zombie still answers kill(0); treat it as gone.
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

export function containersDir(dir = stateDir()) {
  const d = join(dir, 'containers');
  mkdirSync(d, { recursive: true });
  return d;
}

export function containerDir(id, dir = stateDir()) { return join(containersDir(dir), id); }

/** Every container with its live status. */
export function listContainers(dir = stateDir()) {
  const root = containersDir(dir);
  const out = [];
  for (const id of readdirSync(root)) {
    const c = readJson(join(root, id, 'container.json'), null);
    if (!c) continue;
    out.push(withStatus(c, join(root, id)));
  }
  return out.sort((a, b) => b.created - a.created);
}

function withStatus(c, cdir) {
  const exit = readJson(join(cdir, 'exit.json'), null);
  const pid = readJson(join(cdir, 'pid.json'), null)?.pid ?? 0;
  if (exit) return { ...c, status: 'exited', exitCode: exit.code, finishedAt: exit.at, pid: 0, error: exit.error ?? '' };
  if (c.startedAt && alive(pid)) return { ...c, status: 'running', pid };
  // Killed without a chance to record its exit (SIGKILL): docker reports 137.
  if (c.startedAt) return { ...c, status: 'exited', exitCode: 137, finishedAt: c.startedAt, pid: 0, error: '' };
  return { ...c, status: 'created', pid: 0 };
}

/** Find a container by full id, id prefix or name. */
export function findContainer(ref, dir = stateDir()) {
  const all = listContainers(dir);
  return all.find((c) => c.name === ref || c.name === ref.replace(/^\//, '')) ?? all.find((c) => c.id.startsWith(ref)) ?? null;
}

/** HBM claims of running simulated vLLM servers: [{ containerId, pid, logicIds, mbPerDevice, name }]. */
export function npuClaims(dir = stateDir()) {
  const out = [];
  for (const c of listContainers(dir)) {
    if (c.status !== 'running') continue;
    const claim = readJson(join(containerDir(c.id, dir), 'npu.json'), null);
    if (claim) out.push({ ...claim, containerId: c.id, pid: c.pid });
  }
  return out;
}

export function imagesFile(dir = stateDir()) { return join(dir, 'images.json'); }
export function listImages(dir = stateDir()) { return readJson(imagesFile(dir), []); }
export function saveImages(images, dir = stateDir()) { writeJson(imagesFile(dir), images); }
