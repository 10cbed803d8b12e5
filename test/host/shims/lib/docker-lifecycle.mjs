// `docker start`, `docker rename` and `docker tag` of the simulated host, with the docker CLI's (24.x) output:
// start prints each name as given and, after a failure, "Error: failed to start containers: a, b" (exit 1);
// rename prints nothing, or the daemon's error and "Error: failed to rename container named OLD" (exit 1);
// tag prints nothing, or "Error response from daemon: No such image: REF" (exit 1).
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { containerDir, findContainer, hostInfo, listContainers, listImages, readJson, saveImages, stateDir, writeJson } from './state.mjs';
import { findImage, normalize, short } from './docker-images.mjs';

const bindHost = (ip) => (ip && ip.startsWith('127.') ? ip : '127.0.0.1');

function portFree(host, port) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, host, () => s.close(() => res(true)));
  });
}

/** Why the daemon refuses to start `c` (a published port taken), or null. */
async function startProblem(c) {
  for (const p of c.ports) {
    const host = bindHost(p.hostIp);
    const clash = listContainers().find((o) => o.id !== c.id && o.status === 'running' && o.ports.some((q) => q.hostPort === p.hostPort && bindHost(q.hostIp) === host));
    if (clash || !(await portFree(host, p.hostPort))) {
      const shown = `${p.hostIp || '0.0.0.0'}:${p.hostPort}`;
      const why = clash ? `Bind for ${shown} failed: port is already allocated` : `Error starting userland proxy: listen tcp4 ${shown}: bind: address already in use`;
      return `Error response from daemon: driver failed programming external connectivity on endpoint ${c.name} (${randomBytes(32).toString('hex')}): ${why}`;
    }
  }
  return null;
}

/** Starts the container's process again (the same container: id, name, log, mounts), detached. */
function spawnContainer(c) {
  const cdir = containerDir(c.id);
  const stored = readJson(join(cdir, 'container.json'), c);
  rmSync(join(cdir, 'exit.json'), { force: true });
  const listen = stored.network === 'host' ? [] : stored.ports.map((p) => ({ host: bindHost(p.hostIp), hostPort: p.hostPort, containerPort: p.containerPort }));
  writeJson(join(cdir, 'container.json'), { ...stored, attached: false, listen, startedAt: Date.now() });
  const child = spawn(hostInfo().nodePath ?? process.execPath, [join(hostInfo().hostRoot, 'vllm-sim', 'server.mjs'), '--container', cdir], {
    detached: true, stdio: 'ignore', env: { ...process.env, SIMHOST_STATE: stateDir(), SIMHOST_CONTAINER: c.id },
  });
  writeJson(join(cdir, 'pid.json'), { pid: child.pid });
  child.unref();
}

export async function startCommand(refs, out, err) {
  if (refs.length === 0) { err('"docker start" requires at least 1 argument.\nSee \'docker start --help\'.\n\nUsage:  docker start [OPTIONS] CONTAINER [CONTAINER...]\n\nStart one or more stopped containers\n'); return 1; }
  const failed = [];
  for (const ref of refs) {
    const c = findContainer(ref);
    if (!c) { err(`Error response from daemon: No such container: ${ref}\n`); failed.push(ref); continue; }
    if (c.status !== 'running') {
      const problem = await startProblem(c);
      if (problem) { err(`${problem}\n`); failed.push(ref); continue; }
      spawnContainer(c);
    }
    out(`${ref}\n`); // an already running container is left as it is, and named all the same
  }
  if (failed.length > 0) { err(`Error: failed to start containers: ${failed.join(', ')}\n`); return 1; }
  return 0;
}

export function renameCommand(args, out, err) {
  const [oldName, newName] = args.map((a) => a.trim());
  if (args.length !== 2) { err(`"docker rename" requires exactly 2 arguments.\nSee 'docker rename --help'.\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRename a container\n`); return 1; }
  if (!oldName || !newName) { err('Error: Neither old nor new names may be empty\n'); return 1; }
  const fail = (daemon) => { err(`Error response from daemon: ${daemon}\nError: failed to rename container named ${oldName}\n`); return 1; };
  const c = findContainer(oldName);
  if (!c) return fail(`No such container: ${oldName}`);
  const name = newName.replace(/^\//, '');
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) return fail(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  if (c.name === name) return fail('Renaming a container with the same name as its current name');
  const other = listContainers().find((o) => o.name === name);
  if (other) return fail(`Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  const file = join(containerDir(c.id), 'container.json');
  writeJson(file, { ...readJson(file, c), name });
  return 0;
}

export function tagCommand(args, out, err) {
  if (args.length !== 2) { err(`"docker tag" requires exactly 2 arguments.\nSee 'docker tag --help'.\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n`); return 1; }
  const [source, target] = args;
  const img = findImage(source);
  if (!img) {
    err(`Error response from daemon: No such image: ${/^[0-9a-f]{6,64}$/.test(source) ? source : short(normalize(source))}\n`);
    return 1;
  }
  const images = listImages().filter((i) => normalize(i.ref) !== normalize(target));
  images.push({ ...img, ref: short(normalize(target)) });
  saveImages(images);
  return 0;
}
