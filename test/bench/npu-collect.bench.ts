// Poll `npu-smi info` or stream `npu-smi info watch`?. Run:
//   node --import tsx test/bench/npu-collect.bench.ts [seconds per mode, default 30]
// Against the simulated 8× 910B4 host, over ONE ssh2 connection per mode (as the extension does), at 1 Hz:
//   poll:        `npu-smi info` every second;
//   watch:       `npu-smi info watch -d 1` streaming, plus `npu-smi info` every 10 s (watch has no health, HBM MB
//                or process table, so the panel would still need it);
//   exec-only:   `cat` of an `npu-smi info`-sized file every second: the SSH + shell cost of one exec per tick
//                without the simulated npu-smi (a Node script here, unlike the real C binary).
// Bytes: both directions of the TCP socket under SSH. Host CPU: the sshd daemon's reaped-children time
// (utime+stime of every per-connection sshd and every process of its sessions), read from /proc after the
// connection has closed.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { connect as tcpConnect, type Socket } from 'node:net';
import { Client } from 'ssh2';
import { startSimHost, type SimHost } from '../host/index';
import { execArgv } from '../../src/core/ssh/exec';

const SECONDS = Number(process.argv[2] ?? 30);
const CLK_TCK = 100; // `getconf CLK_TCK` on Linux

function reapedCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields after the name start at index 3 (state); cutime and cstime are fields 16 and 17
  return ((Number(f[16 - 3]) + Number(f[17 - 3])) * 1000) / CLK_TCK;
}

async function open(h: SimHost): Promise<{ client: Client; sock: Socket }> {
  const sock = tcpConnect(h.port, h.host);
  await new Promise<void>((r, j) => { sock.once('connect', () => r()); sock.once('error', j); });
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve()).once('error', reject)
      .connect({ sock, username: h.user, privateKey: readFileSync(h.keyPath), hostVerifier: () => true });
  });
  return { client, sock };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function measure(h: SimHost, daemon: number, name: string, body: (c: Client) => Promise<void>): Promise<string> {
  const before = reapedCpuMs(daemon);
  const { client, sock } = await open(h);
  const b0 = sock.bytesRead + sock.bytesWritten;
  await body(client);
  const bytes = sock.bytesRead + sock.bytesWritten - b0;
  client.end();
  await sleep(1500); // let the daemon reap the per-connection sshd
  const cpu = reapedCpuMs(daemon) - before;
  return `${name.padEnd(10)} ${SECONDS} s: host CPU ${cpu.toFixed(0)} ms (${(cpu / SECONDS / 10).toFixed(2)} % of a core), `
    + `${(bytes / 1024).toFixed(1)} KiB (${(bytes / SECONDS / 1024).toFixed(2)} KiB/s)`;
}

async function main(): Promise<void> {
  const h = await startSimHost({ profile: '910b4' });
  try {
    const daemon = Number(readFileSync(join(dirname(h.sshdLogPath), 'sshd.pid'), 'utf8').trim());
    const { client: c0 } = await open(h);
    const sample = (await execArgv(c0, ['npu-smi', 'info'], { collect: true })).stdout;
    c0.end();
    writeFileSync(join(h.home, 'info.txt'), sample);
    console.log(`one \`npu-smi info\` of the 8× 910B4 host: ${sample.length} bytes`);

    const tick = async (c: Client, argv: string[]): Promise<void> => {
      for (let i = 0; i < SECONDS; i++) {
        const t0 = Date.now();
        await execArgv(c, argv, { collect: true });
        await sleep(Math.max(0, 1000 - (Date.now() - t0)));
      }
    };
    const lines: string[] = [];
    lines.push(await measure(h, daemon, 'poll', (c) => tick(c, ['npu-smi', 'info'])));
    lines.push(await measure(h, daemon, 'exec-only', (c) => tick(c, ['sh', '-c', 'cat "$HOME/info.txt"'])));
    lines.push(await measure(h, daemon, 'watch', async (c) => {
      const stop = new AbortController();
      let rows = 0;
      const stream = execArgv(c, ['npu-smi', 'info', 'watch', '-d', '1'], {
        collect: false, signal: stop.signal, onStdout: (d) => { rows += d.toString().split('\n').length - 1; },
      }).catch(() => undefined);
      for (let i = 0; i < SECONDS; i += 10) {
        await execArgv(c, ['npu-smi', 'info'], { collect: true });
        await sleep(Math.min(10, SECONDS - i) * 1000);
      }
      stop.abort();
      await stream;
      lines.push(`  (watch delivered ${rows} lines)`);
    }));
    for (const l of lines) console.log(l);
  } finally {
    await h.stop();
  }
}

void main();
