/**
 * HostFiles on this machine (a local target): the same contract as SFTP — put and write land under the
 * temporary name and are renamed into place, cancel stops a copy mid-file and removes its temporary file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CancelledError } from '../host-command/host-errors';
import { partName, type HostFiles, type PutOptions } from '../host-command/host-shell';

async function copy(local: string, hostPath: string, opts: PutOptions): Promise<void> {
  if (opts.signal?.aborted) throw new CancelledError();
  await mkdir(dirname(hostPath), { recursive: true });
  const tmp = partName(hostPath);
  const count = new Transform({ transform(chunk: Buffer, _enc, cb) { opts.onBytes?.(chunk.length); cb(null, chunk); } });
  try {
    await pipeline(createReadStream(local), count, createWriteStream(tmp), { signal: opts.signal });
  } catch (e) {
    await rm(tmp, { force: true });
    if (opts.signal?.aborted) throw new CancelledError();
    throw e;
  }
  await rename(tmp, hostPath);
}

export function localFiles(): HostFiles {
  return {
    kind: 'local',
    read: (path) => readFile(path, 'utf8').catch(() => undefined),
    put: (local, hostPath, _size, opts = {}) => copy(local, hostPath, opts),
    write: async (hostPath, text) => {
      await mkdir(dirname(hostPath), { recursive: true });
      const tmp = partName(hostPath);
      await writeFile(tmp, text);
      await rename(tmp, hostPath);
    },
    remove: (hostPath) => rm(hostPath, { force: true }),
    close: () => undefined,
  };
}
