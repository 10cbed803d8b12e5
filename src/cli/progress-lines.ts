/**
 * Upload and hashing progress for the CLI: one line on stderr at most every `intervalMs` (CI logs keep every
 * line, so no carriage-return animation), and always the line that completes an upload. stdout stays the
 * command's result.
 */
import type { ProgressFn } from '../core/remote/upload/transfer-progress';
import type { CliIO } from './types';

export function progressLines(io: CliIO, intervalMs = 2000): ProgressFn {
  let last = 0;
  return (message, fraction) => {
    const now = Date.now();
    if (now - last < intervalMs && !(fraction !== undefined && fraction >= 1)) return;
    last = now;
    io.stderr(`${message}\n`);
  };
}
