/**
 * SFTP upload and download of single files, with progress. ssh2's fastPut/fastGet pipeline many requests
 * in parallel, which is what makes large uploads approach scp's throughput.
 */
import type { Client, SFTPWrapper } from 'ssh2';

const DEFAULT_CHUNK = 64 * 1024;

export interface TransferOptions {
  onProgress?: (transferred: number, total: number) => void;
  /** Parallel requests in flight (ssh2 default 64). */
  concurrency?: number;
  /** Bytes per request; default 64 KiB (ssh2's own default is 32 KiB; 64 KiB measured about 2x faster here). */
  chunkSize?: number;
  /** File mode for uploads. */
  mode?: number;
}

export function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
}

export async function uploadFile(client: Client, localPath: string, remotePath: string, opts: TransferOptions = {}): Promise<void> {
  const sftp = await openSftp(client);
  try {
    await new Promise<void>((resolve, reject) => {
      sftp.fastPut(localPath, remotePath, {
        concurrency: opts.concurrency, chunkSize: opts.chunkSize ?? DEFAULT_CHUNK, mode: opts.mode,
        step: (done, _chunk, total) => opts.onProgress?.(done, total),
      }, (err) => (err ? reject(err) : resolve()));
    });
  } finally {
    sftp.end();
  }
}

export async function downloadFile(client: Client, remotePath: string, localPath: string, opts: TransferOptions = {}): Promise<void> {
  const sftp = await openSftp(client);
  try {
    await new Promise<void>((resolve, reject) => {
      sftp.fastGet(remotePath, localPath, {
        concurrency: opts.concurrency, chunkSize: opts.chunkSize ?? DEFAULT_CHUNK,
        step: (done, _chunk, total) => opts.onProgress?.(done, total),
      }, (err) => (err ? reject(err) : resolve()));
    });
  } finally {
    sftp.end();
  }
}
