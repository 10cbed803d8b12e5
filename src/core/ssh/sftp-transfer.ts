/**
 * SFTP upload and download of single files, with progress. ssh2's fastPut/fastGet pipeline many requests
 * in parallel, which is what makes large uploads approach scp's throughput.
 *
 * Request size and depth, swept against OpenSSH 9.2's sftp-server on the project machine (one 96–200 MiB file,
 * loopback; test/bench/results/remote.md): 32 KiB requests (ssh2's default) ≈ 23 MiB/s, 64 KiB 30–80 MiB/s,
 * 255 KiB 60–115 MiB/s, the spread being the shared machine's load. OpenSSH's sftp-server accepts reads and
 * writes of up to 255 KiB and says so through `limits@openssh.com`; ssh2 caps a request at the server's limit
 * itself (and splits it for servers that allow less), so the size is safe everywhere. Depth: the server's
 * channel window (2 MiB for OpenSSH) bounds the bytes in flight anyway; 16 requests of 255 KiB keep it full
 * without buffering much more than that per file (more did not measure faster).
 */
import type { Client, SFTPWrapper } from 'ssh2';

/** Bytes per SFTP read/write request: OpenSSH sftp-server's maximum (256 KiB message − 1 KiB). */
export const TRANSFER_CHUNK = 255 * 1024;
/** SFTP requests in flight per file. */
export const TRANSFER_CONCURRENCY = 16;

export interface TransferOptions {
  onProgress?: (transferred: number, total: number) => void;
  /** Parallel requests in flight; default TRANSFER_CONCURRENCY. */
  concurrency?: number;
  /** Bytes per request; default TRANSFER_CHUNK. */
  chunkSize?: number;
  /** File mode for uploads. */
  mode?: number;
}

export function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
}

/** The fastPut / fastGet options for these transfer options (the tuned defaults filled in). */
export function fastTransferOptions(opts: TransferOptions = {}): { concurrency: number; chunkSize: number; mode?: number; step: (done: number, chunk: number, total: number) => void } {
  return {
    concurrency: opts.concurrency ?? TRANSFER_CONCURRENCY,
    chunkSize: opts.chunkSize ?? TRANSFER_CHUNK,
    mode: opts.mode,
    step: (done, _chunk, total) => opts.onProgress?.(done, total),
  };
}

/** Uploads one file over an open SFTP session. */
export function putFile(sftp: SFTPWrapper, localPath: string, remotePath: string, opts: TransferOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    sftp.fastPut(localPath, remotePath, fastTransferOptions(opts), (err) => (err ? reject(err) : resolve()));
  });
}

/** Downloads one file over an open SFTP session. */
export function getFile(sftp: SFTPWrapper, remotePath: string, localPath: string, opts: TransferOptions = {}): Promise<void> {
  const { mode: _mode, ...o } = fastTransferOptions(opts);
  return new Promise((resolve, reject) => {
    sftp.fastGet(remotePath, localPath, o, (err) => (err ? reject(err) : resolve()));
  });
}

export async function uploadFile(client: Client, localPath: string, remotePath: string, opts: TransferOptions = {}): Promise<void> {
  const sftp = await openSftp(client);
  try {
    await putFile(sftp, localPath, remotePath, opts);
  } finally {
    sftp.end();
  }
}

export async function downloadFile(client: Client, remotePath: string, localPath: string, opts: TransferOptions = {}): Promise<void> {
  const sftp = await openSftp(client);
  try {
    await getFile(sftp, remotePath, localPath, opts);
  } finally {
    sftp.end();
  }
}
