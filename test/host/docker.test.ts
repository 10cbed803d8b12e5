// The simulated docker, over real SSH: failures at once, failures during startup, a serving container.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSimHost, type SimHost } from './index.js';
import { sshBatch } from './ssh-run.js';
import { freePort } from '../support/ports';

const IMG = 'quay.io/ascend/vllm-ascend:v0.23.0';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let b = '';
      res.on('data', (d: Buffer) => { b += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    }).on('error', reject).end();
  });
}

describe('simulated docker', () => {
  let h: SimHost;
  let mounts: string;
  before(async () => {
    h = await startSimHost({ profile: '910b4', latency: { startupMs: 300, pullMs: 100 } });
    const D = h.devPrefix;
    const A = h.ascendPrefix;
    mounts = `--device ${D}/davinci_manager --device ${D}/devmm_svm --device ${D}/hisi_hdc -v ${A}/driver/lib64:/usr/local/Ascend/driver/lib64 `
      + `-v ${A}/driver/version.info:/usr/local/Ascend/driver/version.info -v ${h.usrLocalPrefix}/bin/npu-smi:/usr/local/bin/npu-smi`;
  });
  after(async () => { await h.stop(); });

  test('fails at once only for a missing --device path or image; pull, build and images', async () => {
    const D = h.devPrefix;
    const [dev, img, pullBad, pullOk, images, buildBad, buildOk, images2] = await sshBatch(h, [
      `docker run -d ${mounts} --device ${D}/davinci9 ${IMG} vllm serve /m 2>&1; echo rc=$?`,
      'docker run -d ascend-cann-toolkit:6.3.0 2>&1; echo rc=$?',
      'docker pull deepseek-ai/DeepSeek-6B 2>&1; echo rc=$?',
      'docker pull quay.io/ascend/vllm-ascend:v0.18.0-310p 2>&1; echo rc=$?',
      'docker images',
      'mkdir -p ~/b1 && printf "FROM swr.cn-south-1.myhuaweicloud.com/ascend-cann-toolkit:6.3.0\\nRUN pip install vllm\\n" > ~/b1/Dockerfile && docker build -t bad ~/b1 2>&1; echo rc=$?',
      `mkdir -p ~/b2 && printf "FROM ${IMG}\\nENV A=1\\nRUN echo hi\\n" > ~/b2/Dockerfile && docker build -t ascend-llm/coder:v0.23.0 ~/b2 2>&1; echo rc=$?`,
      'docker images --format "{{.Repository}}:{{.Tag}}"',
    ]);
    assert.match(dev, new RegExp(`error gathering device information while adding custom device "${D}/davinci9": no such file or directory`));
    assert.match(dev, /rc=125/);
    assert.match(img, /Unable to find image 'ascend-cann-toolkit:6\.3\.0' locally/);
    assert.match(img, /pull access denied for ascend-cann-toolkit/);
    assert.match(img, /rc=125/);
    assert.match(pullBad, /pull access denied for deepseek-ai\/DeepSeek-6B.*\nrc=1/);
    assert.match(pullOk, /Status: Downloaded newer image for quay\.io\/ascend\/vllm-ascend:v0\.18\.0-310p\n.*\nrc=0/);
    assert.match(images, /quay\.io\/ascend\/vllm-ascend\s+v0\.18\.0-310p\s+[0-9a-f]{12}/);
    assert.match(buildBad, /Step 1\/2 : FROM swr\.cn-south-1\.myhuaweicloud\.com\/ascend-cann-toolkit:6\.3\.0/);
    assert.match(buildBad, /pull access denied[^\n]*\nrc=1/);
    assert.match(buildOk, /Step 3\/3 : RUN echo hi/);
    assert.match(buildOk, /Successfully tagged ascend-llm\/coder:v0\.23\.0\nrc=0/);
    assert.match(images2, /^ascend-llm\/coder:v0\.23\.0$/m);
  });

  test('missing Ascend mounts or misaligned visible devices: the container exits during startup with the error in logs', async () => {
    const D = h.devPrefix;
    const [r1, r2, r3, , ps, logs1, logs2, logs3, inspect] = await sshBatch(h, [
      `docker run -d --name nomounts --device ${D}/davinci0 -p 127.0.0.1:${await freePort()}:8000 ${IMG} vllm serve /root/.cache/m`,
      `docker run -d --name nodevice ${mounts} ${IMG} vllm serve /root/.cache/m`,
      `docker run -d --name misaligned ${mounts} --device ${D}/davinci3 -e ASCEND_RT_VISIBLE_DEVICES=3 ${IMG} vllm serve /root/.cache/m`,
      'for i in $(seq 600); do [ "$(docker ps -q | wc -l)" = 0 ] && break; sleep 0.1; done',
      'docker ps -a --format "{{.Names}} {{.Status}}"',
      'docker logs nomounts 2>&1', 'docker logs nodevice 2>&1', 'docker logs misaligned 2>&1',
      'docker inspect --format "{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}" nomounts',
    ]);
    for (const r of [r1, r2, r3]) assert.match(r, /^[0-9a-f]{64}\n$/);
    assert.match(ps, /^nomounts Exited \(1\) .* ago$/m);
    assert.match(ps, /^nodevice Exited \(1\)/m);
    assert.match(ps, /^misaligned Exited \(1\)/m);
    assert.match(logs1, /RuntimeError: Failed to infer device type/);
    assert.match(logs2, /dcmi module initialize failed\. ret is -8005/);
    assert.match(logs3, /Set visible device failed, invalid device=3, input visible devices:3/);
    assert.equal(inspect.trim(), 'exited 1 false');
  });

  test('a good run serves after the SSH session ends, shows in npu-smi; a second server on its NPU runs out of memory; its port clashes', async () => {
    const D = h.devPrefix;
    const port = await freePort();
    const [run, waited, second, clash, npu] = await sshBatch(h, [
      `docker run -d --name good ${mounts} --device ${D}/davinci2 -p 127.0.0.1:${port}:8000 ${IMG} vllm serve /root/.cache/m --served-model-name coder 2>&1; echo rc=$?`,
      `for i in $(seq 600); do docker logs good 2>&1 | grep -q "startup complete" && echo ready && break; sleep 0.1; done`,
      `docker run -d --name second ${mounts} --device ${D}/davinci2 ${IMG} vllm serve /root/.cache/m; for i in $(seq 600); do [ "$(docker inspect --format '{{.State.Status}}' second 2>/dev/null)" = exited ] && break; sleep 0.1; done; docker logs second 2>&1 | tail -1`,
      `docker run -d --name third ${mounts} --device ${D}/davinci5 -p 127.0.0.1:${port}:8000 ${IMG} vllm serve /m 2>&1; echo rc=$?`,
      'npu-smi info',
    ]);
    assert.match(run, /^[0-9a-f]{64}\nrc=0/);
    assert.equal(waited.trim(), 'ready');
    assert.match(second, /RuntimeError: NPU out of memory\. Tried to allocate/);
    assert.match(clash, /Bind for 127\.0\.0\.1:\d+ failed: port is already allocated\.\nrc=125/);
    assert.match(npu, /\| 2 {7}0 {17}\| \d+\s+\| python\s+\| \d{5}/);
    const hbm = Number(/\| 2 {5}910B4[^\n]*\n[^\n]*?(\d+)\s*\/ 32768/.exec(npu)?.[1]);
    assert.ok(hbm > 20000, `HBM in use on NPU 2: ${hbm}`);
    // The SSH session that started it is gone; the server still answers.
    const models = await get(port, '/v1/models');
    assert.equal(models.status, 200);
    assert.equal((JSON.parse(models.body) as { data: Array<{ id: string }> }).data[0].id, 'coder');

    const [ps, top, exec, logsSince, stop, after, rmRunning] = await sshBatch(h, [
      'docker ps --format "{{.Names}} {{.Ports}}"', 'docker top good', 'docker exec good npu-smi info -l',
      'docker logs --since 1h --tail 2 good', 'docker stop good', 'docker ps -a --filter name=good --format "{{.Status}}"',
      `docker run -d --name busy ${mounts} --device ${D}/davinci6 ${IMG} vllm serve /m >/dev/null; docker rm busy 2>&1; docker rm -f busy`,
    ]);
    assert.match(ps, new RegExp(`^good 127\\.0\\.0\\.1:${port}->8000/tcp$`, 'm'));
    assert.match(top, /^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD\nroot\s+\d+/);
    assert.match(top, /vllm serve \/root\/\.cache\/m --served-model-name coder/);
    assert.match(exec, /Total Count\s+: 1/);
    assert.match(logsSince, /Application startup complete\./);
    assert.equal(stop.trim(), 'good');
    assert.match(after, /^Exited \(0\)/);
    assert.match(rmRunning, /You cannot remove a running container [0-9a-f]{64}/);
    assert.match(rmRunning, /\nbusy\n$/);
    await assert.rejects(get(port, '/health'));
  });

  test('tensor parallel 2: one process per NPU in npu-smi, all of them in docker top; they end with the container', async () => {
    const D = h.devPrefix;
    const [run, waited, npu, top] = await sshBatch(h, [
      `docker run -d --name tp2 ${mounts} --device ${D}/davinci4 --device ${D}/davinci5 ${IMG} vllm serve /root/.cache/m --tensor-parallel-size 2 >/dev/null; echo rc=$?`,
      'for i in $(seq 600); do docker logs tp2 2>&1 | grep -q "startup complete" && echo ready && break; sleep 0.1; done',
      'npu-smi info', 'docker top tp2',
    ]);
    assert.equal(run.trim(), 'rc=0');
    assert.equal(waited.trim(), 'ready');
    const rows = [...npu.matchAll(/^\| ([45]) {7}0 {17}\| (\d+)\s+\| (\S+)/gm)].map((m) => ({ npu: m[1], pid: Number(m[2]), name: m[3] }));
    assert.deepEqual(rows.map((r) => r.npu), ['4', '5'], npu);
    assert.notEqual(rows[0].pid, rows[1].pid, 'each rank is its own process');
    const topPids = [...top.matchAll(/^root\s+(\d+)/gm)].map((m) => Number(m[1]));
    for (const r of rows) assert.ok(topPids.includes(r.pid), `PID ${r.pid} of NPU ${r.npu} not in docker top:\n${top}`);
    await sshBatch(h, ['docker stop tp2']);
    const gone = async (): Promise<boolean> => rows.every((r) => { try { process.kill(r.pid, 0); return false; } catch { return true; } });
    const until = Date.now() + 10_000;
    while (!(await gone()) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await gone(), 'a worker outlived its container');
  });
});
