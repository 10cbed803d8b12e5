/**
 * Runs one remote command, given as an argv (quoted by THE quoting function), streaming stdout and stderr as
 * they arrive and resolving with the exit code.
 *
 * Cancel (AbortSignal): sshd refuses the SSH "signal" request for root sessions ("session signalling requires
 * privilege separation", OpenSSH 9.2) and closing a channel does not stop a command that has no tty. So a
 * cancellable command is started through a tiny wrapper that first prints its process group id (sshd makes
 * every session its own process group), and cancel runs `kill -TERM -<pgid>` on a second channel (no `--`: dash's kill refuses it).
 */
import type { Client, ClientChannel } from 'ssh2';
import { shellQuote } from '../host-command/quote';

export interface ExecOptions {
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Written to the command's stdin, then stdin is closed. */
  stdin?: string | Buffer;
  signal?: AbortSignal;
  /** Keep the output in the result (default true; set false for long streams). */
  collect?: boolean;
}

export interface ExecResult {
  /** Exit status; null when the command died of a signal. */
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

// Prints the process group (5th field of /proc/self/stat; `sh` has no spaces in its name) then becomes argv.
const GROUP_WRAPPER = 'read -r _ _ _ _ pgid _ < /proc/$$/stat && printf "%s\\n" "$pgid" && exec "$@"';

export function execArgv(client: Client, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  if (!opts.signal) return execQuoted(client, shellQuote(argv), opts);
  return execCancellable(client, argv, opts, opts.signal);
}

function execCancellable(client: Client, argv: readonly string[], opts: ExecOptions, signal: AbortSignal): Promise<ExecResult> {
  let head = '';
  let pgid: string | undefined;
  let killWanted = false;
  const inner = new AbortController();
  // Kill the group first, then close our channel (closing first could drop the line that names the group).
  const kill = (): void => {
    if (pgid === undefined) {
      killWanted = true;
      setTimeout(() => inner.abort(), 5000).unref?.();
      return;
    }
    if (pgid !== '') execQuoted(client, shellQuote(['kill', '-TERM', `-${pgid}`])).catch(() => undefined);
    inner.abort();
  };
  const onStdout = (d: Buffer): void => {
    if (pgid !== undefined) return opts.onStdout?.(d);
    head += d.toString('latin1');
    const nl = head.indexOf('\n');
    if (nl < 0) return;
    const id = head.slice(0, nl);
    pgid = /^[1-9][0-9]*$/.test(id) ? id : '';
    const rest = Buffer.from(head.slice(nl + 1), 'latin1');
    if (rest.length > 0) opts.onStdout?.(rest);
    if (killWanted) kill();
  };
  if (signal.aborted) return Promise.reject(new CancelledError());
  signal.addEventListener('abort', kill, { once: true });
  const line = shellQuote(['sh', '-c', GROUP_WRAPPER, 'sh', ...argv]);
  return execQuoted(client, line, { ...opts, onStdout, signal: inner.signal }).then((r) => {
    const nl = r.stdout.indexOf('\n');
    return { ...r, stdout: nl >= 0 ? r.stdout.slice(nl + 1) : '' };
  }).finally(() => signal.removeEventListener('abort', kill));
}

/**
 * Runs a line that was already built from shellQuote() pieces (e.g. joined with joinQuoted()). Never pass text
 * that did not come from the quoting function.
 */
export function execQuoted(client: Client, commandLine: string, opts: ExecOptions = {}): Promise<ExecResult> {
  const collect = opts.collect ?? true;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new CancelledError());
    client.exec(commandLine, (err, stream: ClientChannel) => {
      if (err) return reject(err);
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let code: number | null = null;
      let sig: string | undefined;
      let cancelled = false;
      const onAbort = (): void => {
        cancelled = true;
        sendSignal(stream, 'TERM');
        stream.close();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      stream.on('data', (d: Buffer) => { if (collect) out.push(d); opts.onStdout?.(d); });
      stream.stderr.on('data', (d: Buffer) => { if (collect) errOut.push(d); opts.onStderr?.(d); });
      stream.on('exit', (c: number | null, s?: string) => { code = c; sig = s ?? undefined; });
      stream.on('close', () => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (cancelled) return reject(new CancelledError());
        resolve({ code, signal: sig, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8') });
      });
      if (opts.stdin !== undefined) stream.end(opts.stdin);
      else stream.end();
      if (opts.signal?.aborted) onAbort(); // aborted while the channel was opening
    });
  });
}

/**
 * ssh2's ClientChannel.signal() silently does nothing once our side of the channel is ended (stream.end(),
 * which we do right away so commands see EOF on stdin). The "signal" request is still valid then (RFC 4254
 * §6.9 only needs the channel open), so we send it through the protocol object, as signal() itself does.
 * This reaches into ssh2 1.17 internals (pinned in package.json); if they change, cancel falls back to
 * closing the channel.
 */
function sendSignal(stream: ClientChannel, name: string): void {
  const ch = stream as unknown as {
    type?: string;
    outgoing?: { id: number; state: string };
    _client?: { _protocol?: { signal(id: number, signal: string): void } };
  };
  try {
    if (ch.type === 'session' && (ch.outgoing?.state === 'open' || ch.outgoing?.state === 'eof')) ch._client?._protocol?.signal(ch.outgoing.id, name);
  } catch {
    // channel already gone
  }
}
