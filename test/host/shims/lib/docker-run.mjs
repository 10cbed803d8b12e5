// `docker run` of the simulated host. Fails at once only as the real daemon does (missing --device path,
// missing image, name conflict, published port taken); otherwise prints the id and starts the container,
// whose process is the simulated vLLM server, detached in its own session so it outlives the SSH session.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { containerDir, hostInfo, latency, listContainers, stateDir, writeJson } from './state.mjs';
import { findImage, isKnown, normalize, pull, short } from './docker-images.mjs';

const VALUE_FLAGS = new Set(['--name', '--device', '-v', '--volume', '-e', '--env', '--env-file', '-p', '--publish', '--shm-size',
  '--net', '--network', '--ipc', '--cpuset-cpus', '-w', '--workdir', '--entrypoint', '--restart', '-u', '--user', '--memory', '-m',
  '--label', '-l', '--ulimit', '--cap-add', '--cap-drop', '--mount', '--hostname', '-h', '--add-host', '--log-driver', '--log-opt',
  '--security-opt', '--pids-limit', '--platform', '--pull', '--gpus', '--runtime', '--cpus', '--memory-swap', '--stop-timeout']);
const BOOL_SHORT = new Set(['d', 'i', 't', 'P']);

export function parseRun(args) {
  const o = { detach: false, name: null, devices: [], binds: [], env: {}, ports: [], rm: false, privileged: false, network: 'bridge',
    shmSize: '64m', entrypoint: null, image: null, cmd: [], raw: args };
  let k = 0;
  for (; k < args.length; k++) {
    let a = args[k];
    if (!a.startsWith('-') || a === '-') break;
    let val;
    if (a.startsWith('--') && a.includes('=')) { val = a.slice(a.indexOf('=') + 1); a = a.slice(0, a.indexOf('=')); }
    if (!a.startsWith('--') && a.length > 2 && [...a.slice(1)].every((c) => BOOL_SHORT.has(c))) {
      if (a.includes('d')) o.detach = true;
      continue;
    }
    if (VALUE_FLAGS.has(a)) {
      if (val === undefined) val = args[++k];
      switch (a) {
        case '--name': o.name = val; break;
        case '--device': o.devices.push(val.split(':')[0]); break;
        case '-v': case '--volume': {
          const [source, target, mode] = val.split(':');
          o.binds.push({ source: source.startsWith('/') ? source : resolve(source), target: target ?? source, ro: mode === 'ro' });
          break;
        }
        case '-e': case '--env': {
          const eq = val.indexOf('=');
          if (eq < 0) { if (process.env[val] !== undefined) o.env[val] = process.env[val]; } else o.env[val.slice(0, eq)] = val.slice(eq + 1);
          break;
        }
        case '--env-file':
          for (const line of readFileSync(val, 'utf8').split('\n')) {
            const m = /^\s*([A-Za-z_][\w]*)=(.*)$/.exec(line);
            if (m) o.env[m[1]] = m[2];
          }
          break;
        case '-p': case '--publish': {
          const parts = val.replace(/\/(tcp|udp)$/, '').split(':');
          const containerPort = Number(parts.pop());
          const hostPort = Number(parts.pop() ?? containerPort);
          o.ports.push({ hostIp: parts.pop() ?? '', hostPort, containerPort });
          break;
        }
        case '--net': case '--network': o.network = val; break;
        case '--shm-size': o.shmSize = val; break;
        case '--entrypoint': o.entrypoint = val; break;
        default: break;
      }
      continue;
    }
    if (a === '-d' || a === '--detach') o.detach = true;
    else if (a === '--rm') o.rm = true;
    else if (a === '--privileged' || (a === '--privileged' && val === 'true')) o.privileged = val !== 'false';
  }
  o.image = args[k] ?? null;
  o.cmd = args.slice(k + 1);
  return o;
}

function portFree(host, port) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, host, () => s.close(() => res(true)));
  });
}

/** Loopback only (project rule): a publish address outside 127/8 is served on 127.0.0.1. */
const bindHost = (ip) => (ip && ip.startsWith('127.') ? ip : '127.0.0.1');

export async function run(args, out, err) {
  const o = parseRun(args);
  if (!o.image) { err('"docker run" requires at least 1 argument.\nSee \'docker run --help\'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n'); return 1; }
  const all = listContainers();
  if (o.name && all.some((c) => c.name === o.name)) {
    const other = all.find((c) => c.name === o.name);
    err(`docker: Error response from daemon: Conflict. The container name "/${o.name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.\nSee 'docker run --help'.\n`);
    return 125;
  }
  if (!findImage(o.image)) {
    err(`Unable to find image '${short(normalize(o.image))}' locally\n`);
    if (!isKnown(o.image)) {
      const code = await pull(o.image, () => {}, (s) => err(`docker: ${s.replace(/\n$/, '.\n')}`));
      if (code) { err("See 'docker run --help'.\n"); return 125; }
    } else {
      const code = await pull(o.image, err, (s) => err(`docker: ${s}`));
      if (code) { err("See 'docker run --help'.\n"); return 125; }
    }
  }
  for (const d of o.devices) {
    if (!existsSync(d)) {
      err(`docker: Error response from daemon: error gathering device information while adding custom device "${d}": no such file or directory.\nSee 'docker run --help'.\n`);
      return 125;
    }
  }
  const id = randomBytes(32).toString('hex');
  const name = o.name ?? `sim_${id.slice(0, 8)}`;
  const cdir = containerDir(id);
  mkdirSync(cdir, { recursive: true });
  const container = {
    id, name, image: short(normalize(o.image)), imageId: findImage(o.image)?.id ?? '', cmd: o.cmd, entrypoint: o.entrypoint,
    env: o.env, devices: o.devices, binds: o.binds, ports: o.ports, network: o.network, privileged: o.privileged,
    shmSize: o.shmSize, autoRemove: o.rm, attached: !o.detach, created: Date.now(), startedAt: 0, args: o.raw,
    listen: [],
  };
  writeJson(join(cdir, 'container.json'), container);
  // Published ports: taken by another simulated container, or by any other process on this machine.
  for (const p of o.ports) {
    const host = bindHost(p.hostIp);
    const clash = all.find((c) => c.status === 'running' && c.ports.some((q) => q.hostPort === p.hostPort && bindHost(q.hostIp) === host));
    if (clash || !(await portFree(host, p.hostPort))) {
      const shown = `${p.hostIp || '0.0.0.0'}:${p.hostPort}`;
      const why = clash ? `Bind for ${shown} failed: port is already allocated` : `Error starting userland proxy: listen tcp4 ${shown}: bind: address already in use`;
      err(`docker: Error response from daemon: driver failed programming external connectivity on endpoint ${name} (${randomBytes(32).toString('hex')}): ${why}.\n`);
      return 125;
    }
  }
  container.listen = o.network === 'host' ? [] : o.ports.map((p) => ({ host: bindHost(p.hostIp), hostPort: p.hostPort, containerPort: p.containerPort }));
  container.startedAt = Date.now();
  writeJson(join(cdir, 'container.json'), container);
  const child = spawn(hostInfo().nodePath ?? process.execPath, [join(hostInfo().hostRoot, 'vllm-sim', 'server.mjs'), '--container', cdir], {
    detached: true, stdio: 'ignore', env: { ...process.env, SIMHOST_STATE: stateDir(), SIMHOST_CONTAINER: id },
  });
  writeJson(join(cdir, 'pid.json'), { pid: child.pid });
  child.unref();
  const { runMs } = latency();
  if (runMs > 0) await new Promise((r) => setTimeout(r, runMs));
  if (o.detach) { out(`${id}\n`); return 0; }
  return { attached: id };
}
