/**
 * What the runner needs from a host, whatever carries it: SSH (src/core/ssh/ssh-shell.ts) or this machine
 * (src/core/local/local-shell.ts). Every command is an argv; a transport quotes it with shellQuote() when it
 * needs a command line, or runs it without any shell. Calls end with the typed errors of host-errors.ts.
 */
import type { Readable } from 'node:stream';

export interface ExecOptions {
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /**
   * Written to the command's stdin, then stdin is closed. A stream is piped and stdin is closed when the stream
   * ends or is destroyed (so a reader sees a short input rather than waiting forever).
   */
  stdin?: string | Buffer | Readable;
  /** Cancel: the command's whole process group is stopped; the call rejects with CancelledError. */
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

/** A long-lived command (hold-open): it runs until close(), or until the link to the host goes. */
export interface HeldCommand {
  close(): void;
  /** Resolves when it ended, for whatever reason. */
  readonly ended: Promise<void>;
}

/** A local TCP port that reaches 127.0.0.1:<hostPort> as seen from the host. */
export interface HostForward {
  localPort: number;
  close(): void;
}

export interface PutOptions {
  /** Bytes sent since the last call. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
  /** Permission bits the file gets on the host (the local file's, so a 0600 key stays 0600); default 0600. */
  mode?: number;
}

/** Files of ours (manifests) and uploads without a known mode: owner only; so are the folders we create. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Files on the host by absolute path. put/write land under a temporary name (partName) and are renamed into
 * place once complete, so a cancelled or broken upload never leaves a truncated file under its real name.
 */
export interface HostFiles {
  /** Which transport: 'sftp', 'exec' (bytes through a command's stdin) or 'local' (this machine's files). */
  readonly kind: 'sftp' | 'exec' | 'local';
  read(path: string): Promise<string | undefined>;
  /** Copies `localPath` (of `size` bytes) to `hostPath` through a temporary name. */
  put(localPath: string, hostPath: string, size: number, opts?: PutOptions): Promise<void>;
  write(hostPath: string, text: string): Promise<void>;
  remove(hostPath: string): Promise<void>;
  close(): void;
}

export interface HostShell {
  /** The host's name for messages and keys: the SSH alias, or `local`. */
  readonly target: string;
  /** True when the host is this machine (no SSH, no forward, no upload needed). */
  readonly isLocal: boolean;
  /** Resolves once the host can be reached (connecting when needed); LinkLostError / AuthError / HostKeyError. */
  ready(): Promise<void>;
  /** Runs one argv to its end. */
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /**
   * Starts a long-lived argv and resolves once its stdout contains `readyText` (undefined when it could not
   * start, or did not say so within 10 s). Its stdin stays open: it ends on close() and when this client goes.
   */
  hold(argv: readonly string[], readyText: string): Promise<HeldCommand | undefined>;
  /** Host files: SFTP when the server offers it, else through commands; this machine's files for a local host. */
  files(onFallback?: (why: string) => void): Promise<HostFiles>;
  /** A local port reaching the host's loopback `hostPort` (an SSH forward; the port itself for a local host). */
  forward(hostPort: number): Promise<HostForward>;
}

/** The temporary name a file is uploaded under: hidden, beside its final name. */
export function partName(hostPath: string): string {
  const slash = hostPath.lastIndexOf('/');
  return `${hostPath.slice(0, slash + 1)}.${hostPath.slice(slash + 1)}.ascend-llm-part`;
}
