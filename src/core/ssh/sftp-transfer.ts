/**
 * Host files over SFTP (HostFiles of host-command/host-shell.ts), with progress. ssh2's fastPut pipelines many
 * requests in parallel, which is what makes large uploads approach scp's throughput.
 *
 * Request size and depth, swept against OpenSSH 9.2's sftp-server on the project machine (one 96–200 MiB file,
 * loopback; test/bench/results/remote.md): 32 KiB requests (ssh2's default) ≈ 23 MiB/s, 64 KiB 30–80 MiB/s,
 * 255 KiB 60–115 MiB/s, the spread being the shared machine's load. OpenSSH's sftp-server accepts reads and
 * writes of up to 255 KiB and says so through `limits@openssh.com`; ssh2 caps a request at the server's limit
 * itself (and splits it for servers that allow less), so the size is safe everywhere. Depth: the server's
 * channel window (2 MiB for OpenSSH) bounds the bytes in flight anyway; 16 requests of 255 KiB keep it full
 * without buffering much more than that per file (more did not measure faster).
 *
 * Every file lands under a temporary name and is renamed into place once complete. Cancel (`signal`) ends the
 * SFTP session, which fails the requests in flight (the store is unusable afterwards).
 */
import { posix } from 'node:path';
import type { Client, SFTPWrapper } from 'ssh2';
import { CancelledError } from '../host-command/host-errors';
import { partName, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, type HostFiles, type PutOptions } from '../host-command/host-shell';
import { toHostError } from './link-errors';

/** Bytes per SFTP read/write request: OpenSSH sftp-server's maximum (256 KiB message − 1 KiB). */
export const TRANSFER_CHUNK = 255 * 1024;
/** SFTP requests in flight per file. */
export const TRANSFER_CONCURRENCY = 16;

export function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    try {
      client.sftp((err, sftp) => (err ? reject(toHostError(err)) : resolve(sftp)));
    } catch (e) {
      reject(toHostError(e));
    }
  });
}

const call = (f: (cb: (err: Error | null | undefined) => void) => void): Promise<void> =>
  new Promise((resolve, reject) => f((err) => (err ? reject(toHostError(err)) : resolve())));

export function sftpFiles(sftp: SFTPWrapper): HostFiles {
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
        sftp.end();
        reject(new CancelledError());
      };
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      let sent = 0;
      sftp.fastPut(local, remote, {
        mode: opts.mode ?? PRIVATE_FILE_MODE, // the source file's mode: a 0600 key stays 0600
        chunkSize: TRANSFER_CHUNK,
        concurrency: TRANSFER_CONCURRENCY,
        step: (done) => {
          opts.onBytes?.(done - sent);
          sent = done;
        },
      }, (err) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (err) reject(toHostError(err));
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
