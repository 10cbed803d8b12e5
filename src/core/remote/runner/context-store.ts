/**
 * Where the context sync puts files on the host: SFTP when the server offers it (fastPut pipelines requests),
 * else plain exec with the bytes on stdin (for sshd configurations without the sftp subsystem). Paths are
 * absolute; in the exec fallback they reach a constant script as positional arguments.
 */
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { openSftp } from '../../ssh/sftp-transfer';
import { readHostFile, run } from './remote-io';
import type { RunContext } from './types';

export interface ContextStore {
  read(path: string): Promise<string | undefined>;
  put(localPath: string, remotePath: string): Promise<void>;
  write(remotePath: string, text: string): Promise<void>;
  remove(remotePath: string): Promise<void>;
  close(): void;
}

const call = (f: (cb: (err: Error | null | undefined) => void) => void): Promise<void> =>
  new Promise((resolve, reject) => f((err) => (err ? reject(err) : resolve())));

function sftpStore(sftp: SFTPWrapper): ContextStore {
  const made = new Set<string>();
  const mkdirs = async (dir: string): Promise<void> => {
    const parts = dir.split('/').filter(Boolean);
    let cur = '';
    for (const p of parts) {
      cur += `/${p}`;
      if (made.has(cur)) continue;
      await call((cb) => sftp.mkdir(cur, () => cb(null))); // exists or not ours: the put reports real errors
      made.add(cur);
    }
  };
  return {
    read: (path) => new Promise((resolve) => sftp.readFile(path, (e: Error | undefined, d: Buffer) => resolve(e ? undefined : d.toString('utf8')))),
    put: async (local, remote) => {
      await mkdirs(posix.dirname(remote));
      await call((cb) => sftp.fastPut(local, remote, { chunkSize: 64 * 1024 }, cb));
    },
    write: async (remote, text) => {
      await mkdirs(posix.dirname(remote));
      await call((cb) => sftp.writeFile(remote, text, cb));
    },
    remove: (remote) => call((cb) => sftp.unlink(remote, () => cb(null))),
    close: () => sftp.end(),
  };
}

const PUT_SCRIPT = 'set -e; mkdir -p -- "$(dirname -- "$1")"; cat > "$1"';

function execStore(ctx: RunContext): ContextStore {
  const write = async (remote: string, data: string | Buffer): Promise<void> => {
    const r = await run(ctx, ['sh', '-c', PUT_SCRIPT, 'ascend-llm', remote], { stdin: data });
    if (r.code !== 0) throw new Error(`upload ${remote}: ${r.stderr.trim()}`);
  };
  return {
    read: (path) => readHostFile(ctx, path),
    put: async (local, remote) => write(remote, await readFile(local)),
    write,
    remove: async (remote) => { await run(ctx, ['rm', '-f', '--', remote]); },
    close: () => undefined,
  };
}

export async function openContextStore(ctx: RunContext): Promise<ContextStore> {
  try {
    return sftpStore(await openSftp(await ctx.client()));
  } catch (e) {
    ctx.log('warn', (e as Error).message);
    return execStore(ctx);
  }
}
