// `docker` of the simulated host: version, info, pull, load, build, images, tag, run, start, rename, ps, logs,
// top, exec, inspect, stop, rm. State lives in the host's state folder (SIMHOST_STATE/containers, images.json).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { containerDir, findContainer, listContainers, listImages, hostInfo, alive, readJson } from './lib/state.mjs';
import { build, findImage, imagesCommand, load, pull } from './lib/docker-images.mjs';
import { run } from './lib/docker-run.mjs';
import { renameCommand, startCommand, tagCommand } from './lib/docker-lifecycle.mjs';
import { commandText, createdAtText, goTemplate, humanDuration, isoTime, parseSince, portsText, statusText, table } from './lib/docker-format.mjs';

const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);
const argv = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Versions are typical of a docker-ce 24 install on an aarch64 host; the references do not give a host's docker.
const VERSION = '24.0.9';
const API = '1.43';

function opt(args, ...names) {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n) return args[i + 1];
      if (args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
    }
  }
  return undefined;
}
const positionals = (args, valueFlags = []) => {
  const p = [];
  for (let i = 0; i < args.length; i++) {
    if (valueFlags.includes(args[i])) { i++; continue; }
    if (!args[i].startsWith('-')) p.push(args[i]);
  }
  return p;
};
const noSuch = (ref) => { err(`Error response from daemon: No such container: ${ref}\n`); return 1; };

function psCommand(args) {
  let list = listContainers();
  if (!args.includes('-a') && !args.includes('--all')) list = list.filter((c) => c.status === 'running');
  const filters = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '--filter' || args[i] === '-f') filters.push(args[++i]);
  for (const f of filters) {
    const [k, v] = [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)];
    if (k === 'name') list = list.filter((c) => c.name.includes(v.replace(/^\^|\$$/g, '')));
    if (k === 'status') list = list.filter((c) => c.status === v);
    if (k === 'id') list = list.filter((c) => c.id.startsWith(v));
  }
  const noTrunc = args.includes('--no-trunc');
  if (args.includes('-q') || args.includes('--quiet')) { out(list.map((c) => `${noTrunc ? c.id : c.id.slice(0, 12)}\n`).join('')); return 0; }
  const view = (c) => ({
    Command: commandText(c, noTrunc), CreatedAt: createdAtText(c.created), ID: noTrunc ? c.id : c.id.slice(0, 12), Image: c.image,
    Labels: '', LocalVolumes: '0', Mounts: c.binds.map((b) => b.source).join(','), Names: c.name, Networks: c.network,
    Ports: c.status === 'running' ? portsText(c) : '', RunningFor: `${humanDuration(Date.now() - c.created)} ago`, Size: '0B',
    State: c.status, Status: statusText(c),
  });
  const format = opt(args, '--format');
  if (format) { out(list.map((c) => `${goTemplate(format, view(c))}\n`).join('')); return 0; }
  out(table(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
    list.map((c) => { const v = view(c); return [v.ID, v.Image, v.Command, v.RunningFor, v.Status, v.Ports, v.Names]; })));
  return 0;
}

function inspectObject(c) {
  return {
    Id: c.id, Created: isoTime(c.created), Path: c.entrypoint ?? c.cmd[0] ?? '', Args: c.entrypoint ? c.cmd : c.cmd.slice(1),
    State: {
      Status: c.status, Running: c.status === 'running', Paused: false, Restarting: false, OOMKilled: false, Dead: false,
      Pid: c.pid, ExitCode: c.status === 'exited' ? c.exitCode : 0, Error: '',
      StartedAt: c.startedAt ? isoTime(c.startedAt) : '0001-01-01T00:00:00Z', FinishedAt: c.finishedAt ? isoTime(c.finishedAt) : '0001-01-01T00:00:00Z',
    },
    Image: c.imageId, Name: `/${c.name}`, RestartCount: 0, Driver: 'overlay2', Platform: 'linux',
    HostConfig: {
      Binds: c.binds.map((b) => `${b.source}:${b.target}${b.ro ? ':ro' : ''}`), NetworkMode: c.network, AutoRemove: c.autoRemove,
      Privileged: c.privileged, ShmSize: c.shmSize, PortBindings: Object.fromEntries(c.ports.map((p) => [`${p.containerPort}/tcp`, [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }]])),
      Devices: c.devices.map((d) => ({ PathOnHost: d, PathInContainer: d, CgroupPermissions: 'rwm' })),
    },
    Mounts: c.binds.map((b) => ({ Type: 'bind', Source: b.source, Destination: b.target, Mode: b.ro ? 'ro' : '', RW: !b.ro, Propagation: 'rprivate' })),
    Config: { Hostname: c.id.slice(0, 12), Env: Object.entries(c.env).map(([k, v]) => `${k}=${v}`), Cmd: c.cmd, Image: c.image, Entrypoint: c.entrypoint ? [c.entrypoint] : null, WorkingDir: '/workspace' },
    NetworkSettings: { Ports: c.status === 'running' ? Object.fromEntries(c.ports.map((p) => [`${p.containerPort}/tcp`, [{ HostIp: p.hostIp || '0.0.0.0', HostPort: String(p.hostPort) }]])) : {} },
  };
}

function inspectCommand(args, imageOnly) {
  const refs = positionals(args, ['--format', '-f', '--type']);
  const format = opt(args, '--format', '-f');
  const objs = [];
  for (const r of refs) {
    const c = imageOnly ? null : findContainer(r);
    if (c) { objs.push(inspectObject(c)); continue; }
    const img = findImage(r);
    if (img) { objs.push({ Id: img.id, RepoTags: [img.ref], Created: new Date(img.created * 1000).toISOString(), Size: img.sizeMb * 1e6, Architecture: 'arm64', Os: 'linux' }); continue; }
    if (format === undefined) out('[]\n');
    err(imageOnly ? `Error response from daemon: No such image: ${r}\n` : `Error: No such object: ${r}\n`);
    return 1;
  }
  if (format !== undefined) out(objs.map((o) => `${goTemplate(format, o)}\n`).join(''));
  else out(`${JSON.stringify(objs, null, 4)}\n`);
  return 0;
}

async function logsCommand(args) {
  const ref = positionals(args, ['--since', '--tail', '-n', '--until'])[0];
  const c = ref && findContainer(ref);
  if (!c) return noSuch(ref ?? '');
  const follow = args.includes('-f') || args.includes('--follow');
  const since = opt(args, '--since');
  const from = since ? parseSince(since) : 0;
  const tail = opt(args, '--tail', '-n');
  const stamps = args.includes('-t') || args.includes('--timestamps');
  const file = join(containerDir(c.id), 'log.jsonl');
  let offset = 0;
  const drain = (first) => {
    let text;
    try { text = readFileSync(file, 'utf8'); } catch { return; }
    const fresh = text.slice(offset);
    const end = fresh.lastIndexOf('\n') + 1;
    offset += end;
    let entries = fresh.slice(0, end).split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.t >= from);
    if (first && tail !== undefined && tail !== 'all') entries = entries.slice(-Number(tail));
    for (const e of entries) (e.s === 'stderr' ? err : out)(`${stamps ? `${isoTime(e.t)} ` : ''}${e.l}\n`);
  };
  drain(true);
  if (!follow) return 0;
  for (;;) {
    await sleep(100);
    drain(false);
    const now = findContainer(c.id);
    if (!now || now.status !== 'running') { drain(false); return 0; }
  }
}

function execCommand(args) {
  const valueFlags = ['-e', '--env', '-w', '--workdir', '-u', '--user'];
  let k = 0;
  while (k < args.length && args[k].startsWith('-')) k += valueFlags.includes(args[k]) ? 2 : 1;
  const ref = args[k];
  const cmd = args.slice(k + 1);
  const c = ref && findContainer(ref);
  if (!c) return noSuch(ref ?? '');
  if (c.status !== 'running') { err(`Error response from daemon: Container ${c.id} is not running\n`); return 1; }
  const notFound = () => { err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0]}": executable file not found in $PATH: unknown\n`); return 127; };
  const inside = (p) => {
    const b = [...c.binds].sort((x, y) => y.target.length - x.target.length).find((m) => p === m.target || p.startsWith(`${m.target.replace(/\/$/, '')}/`));
    return b ? join(b.source, p.slice(b.target.replace(/\/$/, '').length)) : null;
  };
  switch (cmd[0]) {
    case 'npu-smi': {
      if (!c.binds.some((b) => b.target.endsWith('/npu-smi'))) return notFound();
      const s = spawnSync(hostInfo().nodePath, [join(hostInfo().hostRoot, 'shims', 'npu-smi.mjs'), ...cmd.slice(1)], { stdio: 'inherit', env: { ...process.env, SIMHOST_CONTAINER: c.id } });
      return s.status ?? 1;
    }
    // The multi-node tutorials mount hccn_tool at its driver path (docs/multi-node.md §3); not on the image's PATH.
    case 'hccn_tool': case '/usr/local/Ascend/driver/tools/hccn_tool': {
      if (!c.binds.some((b) => b.target === '/usr/local/Ascend/driver/tools/hccn_tool') || (cmd[0] === 'hccn_tool')) return notFound();
      const s = spawnSync(hostInfo().nodePath, [join(hostInfo().hostRoot, 'shims', 'hccn_tool.mjs'), ...cmd.slice(1)], { stdio: 'inherit' });
      return s.status ?? 1;
    }
    case 'env': case 'printenv':
      out(`PATH=/usr/local/python3.11.13/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${c.id.slice(0, 12)}\n${Object.entries(c.env).map(([a, b]) => `${a}=${b}\n`).join('')}HOME=/root\n`);
      return 0;
    case 'echo': out(`${cmd.slice(1).join(' ')}\n`); return 0;
    case 'cat': {
      let code = 0;
      for (const f of cmd.slice(1)) {
        const h = inside(f);
        try { out(readFileSync(h ?? '/nonexistent', 'utf8')); } catch { err(`cat: ${f}: No such file or directory\n`); code = 1; }
      }
      return code;
    }
    case 'true': return 0;
    default: return notFound();
  }
}

async function stopCommand(args, remove) {
  const force = args.includes('-f') || args.includes('--force');
  const t = Number(opt(args, '-t', '--time') ?? 10);
  let code = 0;
  for (const ref of positionals(args, ['-t', '--time'])) {
    const c = findContainer(ref);
    if (!c) { noSuch(ref); code = 1; continue; }
    if (remove && c.status === 'running' && !force) {
      err(`Error response from daemon: You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove\n`);
      code = 1; continue;
    }
    if (c.status === 'running') {
      try { process.kill(c.pid, remove ? 'SIGKILL' : 'SIGTERM'); } catch { /* gone */ }
      const until = Date.now() + t * 1000;
      while (alive(c.pid) && Date.now() < until) await sleep(50);
      if (alive(c.pid)) { try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ } }
      while (alive(c.pid)) await sleep(20);
    }
    if (remove) rmSync(containerDir(c.id), { recursive: true, force: true });
    out(`${ref}\n`);
  }
  return code;
}

function topCommand(args) {
  const ref = positionals(args)[0];
  const c = ref && findContainer(ref);
  if (!c) return noSuch(ref ?? '');
  if (c.status !== 'running') { err(`Error response from daemon: Container ${c.id} is not running\n`); return 1; }
  let ppid = 1;
  try { ppid = Number(/\) \S (\d+)/.exec(readFileSync(`/proc/${c.pid}/stat`, 'utf8'))[1]); } catch { /* gone */ }
  const started = new Date(c.startedAt);
  const cols = ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'];
  const row = ['root', c.pid, ppid, 0, `${String(started.getHours()).padStart(2, '0')}:${String(started.getMinutes()).padStart(2, '0')}`, '?', '00:00:01',
    [...(c.entrypoint ? [c.entrypoint] : []), ...c.cmd].join(' ') || 'bash'];
  const line = (r) => r.map((x, i) => (i === r.length - 1 ? String(x) : String(x).padEnd(20))).join('');
  // Tensor-parallel workers are the container's processes too (children of the server).
  const workers = (readJson(join(containerDir(c.id), 'npu.json'), null)?.pids ?? []).slice(1)
    .filter((pid) => alive(pid))
    .map((pid, i) => ['root', pid, c.pid, 0, row[4], '?', '00:00:01', `VLLMWorker_TP${i + 1}`]);
  out([cols, row, ...workers].map((r) => `${line(r)}\n`).join(''));
  return 0;
}

function versionCommand(args) {
  const v = {
    Client: { Version: VERSION, ApiVersion: API, GoVersion: 'go1.20.13', Os: 'linux', Arch: 'arm64' },
    Server: { Version: VERSION, ApiVersion: API, MinAPIVersion: '1.12', GoVersion: 'go1.20.13', Os: 'linux', Arch: 'arm64' },
  };
  const f = opt(args, '--format', '-f');
  if (f) { out(`${goTemplate(f, v)}\n`); return 0; }
  out(`Client: Docker Engine - Community\n Version:           ${VERSION}\n API version:       ${API}\n Go version:        go1.20.13\n OS/Arch:           linux/arm64\n Context:           default\n\nServer: Docker Engine - Community\n Engine:\n  Version:          ${VERSION}\n  API version:      ${API} (minimum version 1.12)\n  Go version:       go1.20.13\n  OS/Arch:          linux/arm64\n  Experimental:     false\n containerd:\n  Version:          1.6.28\n runc:\n  Version:          1.1.12\n`);
  return 0;
}

function infoCommand(args) {
  const all = listContainers();
  const running = all.filter((c) => c.status === 'running').length;
  let os = 'Linux';
  try { os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))[1]; } catch { /* keep */ }
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  const kernel = spawnSync('/usr/bin/uname', ['-r'], { encoding: 'utf8' }).stdout.trim();
  const info = { Containers: all.length, ContainersRunning: running, ContainersPaused: 0, ContainersStopped: all.length - running,
    Images: listImages().length, ServerVersion: VERSION, Driver: 'overlay2', CgroupDriver: 'systemd', KernelVersion: kernel,
    OperatingSystem: os, OSType: 'linux', Architecture: 'aarch64', NCPU: 192, MemTotal: memKb * 1024, DockerRootDir: '/var/lib/docker' };
  const f = opt(args, '--format', '-f');
  if (f) { out(`${goTemplate(f, info)}\n`); return 0; }
  out(`Client: Docker Engine - Community\n Version:    ${VERSION}\n Context:    default\n\nServer:\n Containers: ${info.Containers}\n  Running: ${running}\n  Paused: 0\n  Stopped: ${info.ContainersStopped}\n Images: ${info.Images}\n Server Version: ${VERSION}\n Storage Driver: overlay2\n Cgroup Driver: systemd\n Cgroup Version: 2\n Runtimes: io.containerd.runc.v2 runc\n Default Runtime: runc\n Kernel Version: ${kernel}\n Operating System: ${os}\n OSType: linux\n Architecture: aarch64\n CPUs: 192\n Total Memory: ${(memKb / 1024 / 1024).toFixed(2)}GiB\n Docker Root Dir: /var/lib/docker\n`);
  return 0;
}

async function main() {
  const [cmd0, ...rest0] = argv;
  // `docker container ls`, `docker image ls` and friends map onto the classic commands.
  let cmd = cmd0;
  let rest = rest0;
  if (cmd0 === 'container' || cmd0 === 'image') {
    const sub = rest0[0];
    rest = rest0.slice(1);
    const map = { ls: cmd0 === 'image' ? 'images' : 'ps', list: 'ps', inspect: cmd0 === 'image' ? 'image-inspect' : 'inspect', rm: cmd0 === 'image' ? 'rmi' : 'rm' };
    cmd = map[sub] ?? sub;
  }
  switch (cmd) {
    case 'version': case '--version': case '-v':
      if (cmd !== 'version') { out(`Docker version ${VERSION}, build 2936816\n`); return 0; }
      return versionCommand(rest);
    case 'info': return infoCommand(rest);
    case 'pull': return pull(positionals(rest)[0] ?? '', out, err);
    case 'load': return load(rest, out, err);
    case 'build': return build(rest, out, err);
    case 'images': return imagesCommand(rest, out);
    case 'run': {
      const r = await run(rest, out, err);
      if (typeof r === 'number') return r;
      await logsCommand(['-f', r.attached]); // attached: follow the output until the container exits
      const done = findContainer(r.attached);
      if (done?.autoRemove) rmSync(containerDir(done.id), { recursive: true, force: true });
      return done?.exitCode ?? 0;
    }
    case 'start': return startCommand(positionals(rest, ['--detach-keys']), out, err);
    case 'rename': return renameCommand(rest, out, err);
    case 'tag': return tagCommand(rest, out, err);
    case 'ps': return psCommand(rest);
    case 'logs': return logsCommand(rest);
    case 'top': return topCommand(rest);
    case 'exec': return execCommand(rest);
    case 'inspect': return inspectCommand(rest, false);
    case 'image-inspect': return inspectCommand(rest, true);
    case 'stop': return stopCommand(rest, false);
    case 'rm': return stopCommand(rest, true);
    default:
      err(`docker: '${cmd ?? ''}' is not a docker command.\nSee 'docker --help'\n`);
      return 1;
  }
}

main().then((code) => { process.exitCode = code; }, (e) => { err(`${e?.stack ?? e}\n`); process.exitCode = 1; });
