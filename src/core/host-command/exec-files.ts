/**
 * HostFiles through plain commands (for sshd configurations without the sftp subsystem): the bytes are streamed
 * to a constant script's stdin; paths reach it as positional arguments.
 */
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { CancelledError } from './host-errors';
import { partName, PRIVATE_FILE_MODE, type HostFiles, type HostShell, type PutOptions } from './host-shell';

// $1 = final path, $2 = temporary path, $3 = expected size, $4 = octal mode. A short stream (cancel, dropped
// link) never reaches the final name. umask 077 (folders and the file are the owner's) until the file has its mode.
const PUT_SCRIPT = 'set -e; umask 077; mkdir -p -- "$(dirname -- "$1")"; cat > "$2"; n=$(wc -c < "$2" | tr -d " "); '
  + 'if [ "$n" != "$3" ]; then rm -f -- "$2"; echo "incomplete upload: $n of $3 bytes" >&2; exit 1; fi; chmod -- "$4" "$2"; mv -f -- "$2" "$1"';
const READ_SCRIPT = 'cd "$HOME" && cat -- "$1"';

async function send(shell: HostShell, hostPath: string, data: Buffer | (() => Readable), size: number, opts: PutOptions): Promise<void> {
  if (opts.signal?.aborted) throw new CancelledError();
  let stdin: Buffer | Readable;
  let failed: Error | undefined;
  let cancelled = false;
  let stop = (): void => undefined;
  if (Buffer.isBuffer(data)) {
    stdin = data;
    opts.onBytes?.(data.length);
  } else {
    // Counted as the command reads it (a paused pipe: nothing flows before the command's stdin is there).
    const source = data();
    const counter = new Transform({ transform(chunk: Buffer, _enc, cb) { opts.onBytes?.(chunk.length); cb(null, chunk); } });
    source.on('error', (e: Error) => { failed = e; counter.destroy(); });
    source.pipe(counter);
    stdin = counter;
    stop = () => { source.destroy(); counter.destroy(); }; // stdin ends short: the script removes its temporary file
  }
  const onAbort = (): void => { cancelled = true; stop(); };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const argv = ['sh', '-c', PUT_SCRIPT, 'ascend-llm', hostPath, partName(hostPath), String(size), (opts.mode ?? PRIVATE_FILE_MODE).toString(8)];
    const r = await shell.exec(argv, { stdin });
    if (cancelled) throw new CancelledError();
    if (failed) throw failed;
    if (r.code !== 0) throw new Error(`upload ${hostPath}: ${r.stderr.trim() || `exit ${String(r.code)}`}`);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

export function execFiles(shell: HostShell): HostFiles {
  return {
    kind: 'exec',
    read: async (path) => {
      const r = await shell.exec(['sh', '-c', READ_SCRIPT, 'ascend-llm', path]);
      return r.code === 0 ? r.stdout : undefined;
    },
    put: (local, hostPath, size, opts = {}) => send(shell, hostPath, () => createReadStream(local), size, opts),
    write: async (hostPath, text) => {
      const data = Buffer.from(text, 'utf8');
      await send(shell, hostPath, data, data.length, {});
    },
    remove: async (hostPath) => { await shell.exec(['rm', '-f', '--', hostPath]); },
    close: () => undefined,
  };
}
