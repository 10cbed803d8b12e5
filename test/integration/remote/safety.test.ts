/**
 * Deploy safety against the real sshd and the simulated host, run the way `ascend-llm` runs: a
 * descriptor cannot upload files from outside its folder or into ~/.ssh on the host, cannot aim at an address or
 * a ProxyCommand host, needs the user's --allow-upload once per host; secrets stay out of argv, records and
 * --json; the validator gates deploy; `~` in host prefixes works; a bad .dockerignore line is a clear error.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command as deploy } from '../../../src/cli/commands/deploy';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as build } from '../../../src/cli/commands/build';
import { command as checkHost } from '../../../src/cli/commands/check-host';
import { collectingIo, hostContainers, sandbox, type Sandbox } from './fixture';

let s: Sandbox;
before(async () => { s = await sandbox({ uploadConsent: false }); });
after(async () => { await s?.done(); });

const run = async (cmd: typeof deploy, args: string[], env = s.env): Promise<{ code: number; out: string; err: string }> => {
  const io = collectingIo(env, s.home);
  const code = await cmd.run(args, io);
  return { code, out: io.out, err: io.err };
};
const mode = (p: string): number => statSync(p).mode & 0o777;
const SHARDS = ['model-00001-of-00001.safetensors'];

function localModel(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama', max_position_embeddings: 16384 }));
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ weight_map: { w: SHARDS[0] } }));
  writeFileSync(join(dir, SHARDS[0]), 'weights');
  writeFileSync(join(dir, 'tokenizer.key'), 'private');
  chmodSync(join(dir, 'tokenizer.key'), 0o600);
}

test('a descriptor naming files outside its folder (or in ~/.ssh) is refused, exit 3, nothing uploaded', { timeout: 60_000 }, async () => {
  mkdirSync(join(s.home, 'proj'), { recursive: true });
  writeFileSync(join(s.home, 'creds.yaml'), 'api-key: sk-from-creds-file\n');
  const cases: Array<[string, Record<string, unknown>, typeof deploy]> = [
    ['image.dockerfile in ~/.ssh', { image: { tag: 'ascend-llm/x:1', dockerfile: '.ssh/config' } }, build],
    ['image.dockerfile ../', { image: { tag: 'ascend-llm/x:1', dockerfile: '../.ssh/config' } }, build],
    ['image.tarball absolute', { image: { tag: 'ascend-llm/x:1', tarball: join(s.home, '.ssh', 'config') } }, build],
    ['model.localPath ../', { model: { source: 'upload', localPath: '../', hostPath: join(s.sim.home, 'models', 'x') } }, fetchModel],
    ['serve.config ../creds.yaml', { serve: { config: '../creds.yaml' } }, deploy],
  ];
  for (const [what, over, cmd] of cases) {
    const file = what.includes('~/.ssh') ? s.descriptor(over) : s.descriptor(over, join('proj', `d-${cases.findIndex((c) => c[0] === what)}.yaml`));
    const r = await run(cmd, ['--descriptor', file, ...(cmd === deploy ? [] : ['--allow-upload'])]);
    assert.equal(r.code, 3, `${what}: ${r.err}`);
    assert.match(r.err, /Refused: .*(outside the workspace folder|hidden folder of your home folder)/, what);
  }
  assert.equal(existsSync(join(s.sim.home, '.ascend-llm', 'contexts')), false, 'no build context reached the host');
  assert.equal(hostContainers(s.sim).length, 0);
});

test('target.host must be a Host alias: an address matched only by "Host *" is refused before connecting', { timeout: 60_000 }, async () => {
  const cfg = join(s.home, '.ssh', 'config');
  const original = readFileSync(cfg, 'utf8');
  const known = readFileSync(join(s.home, '.ssh', 'config'), 'utf8').match(/UserKnownHostsFile (\S+)/)?.[1];
  const knownBefore = known && existsSync(known) ? readFileSync(known, 'utf8') : '';
  writeFileSync(cfg, `${original}\nHost *\n  StrictHostKeyChecking accept-new\n  IdentityFile ${s.sim.keyPath}\n  Port ${s.sim.port}\n`);
  try {
    for (const target of [s.sim.host, 'unknown-host.example']) {
      const r = await run(deploy, ['--descriptor', s.descriptor({ target: { host: target } })]);
      assert.equal(r.code, 3, r.err);
      assert.match(r.err, /is an address, not a Host alias|is not a Host alias of ~\/\.ssh\/config/);
    }
    const ch = await run(checkHost, ['--host', s.sim.host]);
    assert.equal(ch.code, 3, ch.err);
    if (known) assert.equal(existsSync(known) ? readFileSync(known, 'utf8') : '', knownBefore, 'no host key saved');
  } finally {
    writeFileSync(cfg, original);
  }
});

test('a ProxyCommand for the host is refused with a message, not ignored', { timeout: 30_000 }, async () => {
  const cfg = join(s.home, '.ssh', 'config');
  const original = readFileSync(cfg, 'utf8');
  writeFileSync(cfg, original.replace(`Host ${s.sim.alias}`, `Host ${s.sim.alias}\n  ProxyCommand nc %h %p`));
  try {
    const r = await run(checkHost, ['--host', s.sim.alias]);
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /sets ProxyCommand for kunpeng-01.*ProxyJump/);
  } finally {
    writeFileSync(cfg, original);
  }
});

test('uploads: never into ~/.ssh, only after --allow-upload (then remembered), and file modes kept', { timeout: 90_000 }, async () => {
  localModel(join(s.home, 'weights', 'coder'));
  const sshDir = join(s.sim.home, '.ssh');
  mkdirSync(sshDir, { recursive: true });
  writeFileSync(join(sshDir, 'authorized_keys'), 'ssh-ed25519 AAAA-the-users-own-key\n');
  const hostile = s.descriptor({ model: { source: 'upload', localPath: './weights/coder', hostPath: sshDir } });
  const refused = await run(fetchModel, ['--descriptor', hostile, '--allow-upload']);
  assert.equal(refused.code, 3, refused.err);
  assert.match(refused.err, /not inside the upload root/);
  assert.equal(readFileSync(join(sshDir, 'authorized_keys'), 'utf8'), 'ssh-ed25519 AAAA-the-users-own-key\n');

  const target = join(s.sim.home, 'models', 'coder-up');
  const file = s.descriptor({ model: { source: 'upload', localPath: './weights/coder', hostPath: target } });
  const asked = await run(fetchModel, ['--descriptor', file]);
  assert.equal(asked.code, 3, asked.err);
  assert.match(asked.err, /Nothing was uploaded: .*--allow-upload/);
  assert.equal(existsSync(join(target, SHARDS[0])), false);

  const allowed = await run(fetchModel, ['--descriptor', file, '--allow-upload']);
  assert.equal(allowed.code, 0, allowed.err);
  assert.equal(mode(join(target, 'tokenizer.key')), 0o600, 'a 0600 file stays 0600');
  assert.equal(mode(join(target, '.ascend-llm-manifest.json')), 0o600);
  const consent = JSON.parse(readFileSync(join(s.home, '.config', 'ascend-llm', 'upload-consent.json'), 'utf8')) as { hosts: string[] };
  assert.deepEqual(consent.hosts, [s.sim.alias]);

  // A folder holding files no upload of ours created is never written over.
  const foreign = join(s.sim.home, 'models', 'theirs');
  mkdirSync(foreign, { recursive: true });
  writeFileSync(join(foreign, 'config.json'), 'the user\'s own');
  const over = await run(fetchModel, ['--descriptor', s.descriptor({ model: { source: 'upload', localPath: './weights/coder', hostPath: foreign } })]);
  assert.equal(over.code, 3, over.err);
  assert.match(over.err, /already holds files that no upload of ours created/);
  assert.equal(readFileSync(join(foreign, 'config.json'), 'utf8'), 'the user\'s own');
});

test('a .dockerignore line Docker refuses is a clear error, not a crash', { timeout: 60_000 }, async () => {
  const ctx = join(s.home, 'image');
  mkdirSync(ctx, { recursive: true });
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM quay.io/ascend/vllm-ascend:v0.23.0\n');
  writeFileSync(join(ctx, '.dockerignore'), 'cache\n[z-a]\n');
  const r = await run(build, ['--descriptor', s.descriptor({ image: { tag: 'ascend-llm/x:1', dockerfile: './image/Dockerfile' } })]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /\.dockerignore line 2 \("\[z-a\]"\): invalid character class range z-a; Docker refuses this file too/);
});

test('deploy: the validator gates it; secrets stay out of argv, record and --json; ~/Ascend works; TTFT recorded', { timeout: 120_000 }, async () => {
  assert.equal((await run(fetchModel, ['--descriptor', s.descriptor()])).code, 0);
  const gated = await run(deploy, ['--descriptor', s.descriptor({ serve: { 'max-model-len': 999999 } })]);
  assert.equal(gated.code, 1, gated.err);
  assert.match(gated.err, /Not deploying: the validator found \d+ error\(s\)[\s\S]*ASC133/);
  assert.equal(hostContainers(s.sim).length, 0, 'nothing ran');

  const hosts = JSON.parse(s.env.ASCEND_LLM_HOSTS as string) as Record<string, Record<string, string>>;
  hosts[s.sim.alias].ascendPrefix = `~/${s.sim.ascendPrefix.slice(s.sim.home.length + 1)}`;
  const env = { ...s.env, ASCEND_LLM_HOSTS: JSON.stringify(hosts) };
  const secrets = { HF_TOKEN: 'hf_secretTOKEN123', MY_API_KEY: 'key-4567890' };
  const file = s.descriptor({ runtime: { env: secrets }, serve: { 'api-key': 'sk-served-key-42' } });
  const r = await run(deploy, ['--descriptor', file, '--json'], env);
  assert.equal(r.code, 0, r.err);
  const outcome = JSON.parse(r.out) as { status: string; message: string; record: { runArgv: string[]; smoke?: { ttftMs: number } } };
  assert.equal(outcome.status, 'succeeded');
  assert.match(outcome.message, /Test completion: TTFT \d+ ms/);
  assert.ok((outcome.record.smoke?.ttftMs ?? -1) >= 0);
  const recordFile = join(s.sim.home, '.ascend-llm', 'deployments', 'coder.json');
  const hostRecord = readFileSync(recordFile, 'utf8');
  for (const v of [...Object.values(secrets), 'sk-served-key-42']) {
    assert.ok(!r.out.includes(v) && !r.err.includes(v), `${v} printed`);
    assert.ok(!hostRecord.includes(v), `${v} in the host record`);
  }
  assert.equal(mode(recordFile), 0o600);
  const envFile = outcome.record.runArgv[outcome.record.runArgv.indexOf('--env-file') + 1];
  assert.ok(envFile.startsWith(`${s.sim.home}/.ascend-llm/secrets/`), envFile);
  assert.equal(mode(envFile), 0o600);
  assert.ok(outcome.record.runArgv.some((a) => a.startsWith(`${s.sim.home}/Ascend/driver/lib64/:`)), 'the ~ prefix expanded on the host');
  // The container did get them (docker read the env file), and vLLM requires the key.
  const running = hostContainers(s.sim).find((c) => c.running);
  const container = JSON.parse(readFileSync(join(s.sim.stateDir, 'containers', running?.id ?? '', 'container.json'), 'utf8')) as { env: Record<string, string> };
  assert.equal(container.env.HF_TOKEN, secrets.HF_TOKEN);
  assert.equal(container.env.VLLM_API_KEY, 'sk-served-key-42');
  for (const f of readdirSync(join(s.sim.home, '.ascend-llm', 'deployments'))) {
    if (f.endsWith('.json')) assert.equal(mode(join(s.sim.home, '.ascend-llm', 'deployments', f)), 0o600, f);
  }
});
