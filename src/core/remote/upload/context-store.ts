/**
 * Where a sync (build context, model folder, image tarball) puts files on the host: SFTP when the server offers
 * it (fastPut pipelines requests), else plain exec with the bytes streamed to stdin (for sshd configurations
 * without the sftp subsystem). Paths are absolute; in the exec fallback they reach constant scripts as
 * positional arguments.
 *
 * Every file lands under a temporary name and is renamed into place once complete, so a cancelled or broken
 * upload never leaves a truncated file under its real name (a half shard would otherwise pass the folder
 * check, which looks at names). Cancel (`signal`) stops a transfer mid-file.
 */
import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import type { Client, SFTPWrapper } from 'ssh2';
import { t } from '../../l10n/index';
import { openSftp, TRANSFER_CHUNK, TRANSFER_CONCURRENCY } from '../../ssh/sftp-transfer';
import { shellQuote } from '../../host-command/quote';
import { readHostFile, run } from '../host/remote-io';
import { RunCancelledError, type RunContext } from '../host/run-context';

export interface PutOptions {
  /** Bytes sent since the last call. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
  /** Permission bits the file gets on the host (the local file's, so a 0600 key stays 0600); default 0600. */
  mode?: number;
}

/** Files of ours (manifests) and uploads without a known mode: owner only. Folders we create: owner only. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export interface ContextStore {
  /** 'sftp' or 'exec': which transport this store uses. */
  readonly kind: 'sftp' | 'exec';
  read(path: string): Promise<string | undefined>;
  /** Uploads `localPath` (of `size` bytes) to `remotePath` through a temporary name. */
  put(localPath: string, remotePath: string, size: number, opts?: PutOptions): Promise<void>;
  write(remotePath: string, text: string): Promise<void>;
  remove(remotePath: string): Promise<void>;
  close(): void;
}

/** The temporary name a file is uploaded under: hidden, beside its final name. */
export function partName(remotePath: string): string {
  return posix.join(posix.dirname(remotePath), `.${posix.basename(remotePath)}.ascend-llm-part`);
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
      await call((cb) => sftp.mkdir(cur, { mode: PRIVATE_DIR_MODE }, () => cb(null))); // exists or not ours: the put reports real errors
      made.add(cur);
    }
  };
  // posix-rename@openssh.com replaces the target atomically; plain SFTP rename refuses an existing target.
  const rename = async (from: string, to: string): Promise<void> => {
    try {
      await call((cb) => sftp.ext_openssh_rename(from, to, cb));
    } catch {
      await call((cb) => sftp.unlink(to, () => cb(null)));
      await call((cb) => sftp.rename(from, to, cb));
    }
  };
  const putFile = (local: string, remote: string, opts: PutOptions): Promise<void> =>
    new Promise((resolve, reject) => {
      const onAbort = (): void => {
        sftp.end(); // fails the requests in flight; the store is unusable afterwards
        reject(new RunCancelledError());
      };
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      let sent = 0;
      sftp.fastPut(local, remote, {
        mode: opts.mode ?? PRIVATE_FILE_MODE,
        chunkSize: TRANSFER_CHUNK, // request size and depth: see sftp-transfer.ts
        concurrency: TRANSFER_CONCURRENCY,
        step: (done) => {
          opts.onBytes?.(done - sent);
          sent = done;
        },
      }, (err) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      });
    });
  return {
    kind: 'sftp',
    read: (path) => new Promise((resolve) => sftp.readFile(path, (e: Error | undefined, d: Buffer) => resolve(e ? undefined : d.toString('utf8')))),
    put: async (local, remote, _size, opts = {}) => {
      await mkdirs(posix.dirname(remote));
      const tmp = partName(remote);
      await putFile(local, tmp, opts);
      await rename(tmp, remote);
    },
    write: async (remote, text) => {
      await mkdirs(posix.dirname(remote));
      const tmp = partName(remote);
      await call((cb) => sftp.writeFile(tmp, text, { mode: PRIVATE_FILE_MODE }, cb));
      await rename(tmp, remote);
    },
    remove: (remote) => call((cb) => sftp.unlink(remote, () => cb(null))),
    close: () => sftp.end(),
  };
}

// $1 = final path, $2 = temporary path, $3 = expected size, $4 = octal mode. A short stream (cancel, dropped
// link) never reaches the final name. umask 077 until the file has its mode.
const PUT_SCRIPT = 'set -e; umask 077; mkdir -p -- "$(dirname -- "$1")"; cat > "$2"; n=$(wc -c < "$2" | tr -d " "); '
  + 'if [ "$n" != "$3" ]; then rm -f -- "$2"; echo "incomplete upload: $n of $3 bytes" >&2; exit 1; fi; chmod -- "$4" "$2"; mv -f -- "$2" "$1"';

type Source = Buffer | (() => NodeJS.ReadableStream & { destroy(): void });

function streamTo(client: Client, argv: string[], source: Source, opts: PutOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new RunCancelledError());
    client.exec(shellQuote(argv), (err, ch) => {
      if (err) return reject(err);
      const data = Buffer.isBuffer(source) ? source : source(); // opened only once the channel is there
      let stderr = '';
      let code: number | null = null;
      let cancelled = false;
      const onAbort = (): void => {
        cancelled = true;
        if (!Buffer.isBuffer(data)) data.destroy();
        ch.end(); // the script sees a short file and removes it
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      ch.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
      ch.on('data', () => undefined);
      ch.on('exit', (c: number | null) => { code = c; });
      ch.on('close', () => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (cancelled) reject(new RunCancelledError());
        else if (code === 0) resolve();
        else reject(new Error(`upload ${argv[4] ?? ''}: ${stderr.trim() || `exit ${String(code)}`}`));
      });
      if (Buffer.isBuffer(data)) {
        opts.onBytes?.(data.length);
        ch.end(data);
        return;
      }
      data.on('data', (d: Buffer) => opts.onBytes?.(d.length));
      data.on('error', (e: Error) => {
        ch.end();
        reject(e);
      });
      data.pipe(ch);
    });
  });
}

function execStore(ctx: RunContext): ContextStore {
  const send = async (remote: string, data: Source, size: number, opts: PutOptions): Promise<void> =>
    streamTo(await ctx.client(), ['sh', '-c', PUT_SCRIPT, 'ascend-llm', remote, partName(remote), String(size), (opts.mode ?? PRIVATE_FILE_MODE).toString(8)], data, opts);
  return {
    kind: 'exec',
    read: (path) => readHostFile(ctx, path),
    put: (local, remote, size, opts = {}) => send(remote, () => createReadStream(local), size, opts),
    write: async (remote, text) => {
      const data = Buffer.from(text, 'utf8');
      await send(remote, data, data.length, {});
    },
    remove: async (remote) => { await run(ctx, ['rm', '-f', '--', remote]); },
    close: () => undefined,
  };
}

export async function openContextStore(ctx: RunContext): Promise<ContextStore> {
  try {
    return sftpStore(await openSftp(await ctx.client()));
  } catch (e) {
    ctx.log('warn', t('SFTP is not available on {0} ({1}); uploading through plain SSH commands instead.', ctx.alias, (e as Error).message));
    return execStore(ctx);
  }
}
