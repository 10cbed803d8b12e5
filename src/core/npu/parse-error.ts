import { t } from '../l10n/index';

/** Why a parser gave up. Stable codes for callers; the message is localized. */
export type NpuSmiParseErrorCode =
  /** Nothing that looks like npu-smi output (empty input, or plain garbage). */
  | 'no-table'
  /** A header this parser does not know (new driver, third-party layout). */
  | 'unknown-layout'
  /** The text ends in the middle of a table or row. */
  | 'truncated'
  /** A row that does not fit the header (wrong cell count, non-numeric value, rows out of order). */
  | 'bad-row'
  /** npu-smi itself failed: `dcmi module initialize failed. ret is -8005` (docs/ascend-facts.md §7 item 4). */
  | 'dcmi-failure';

/**
 * Thrown by every npu-smi parser instead of returning numbers it is not sure of. Carries the raw text so
 * that the caller can show it ("an error that shows the raw text").
 */
export class NpuSmiParseError extends Error {
  override readonly name = 'NpuSmiParseError';

  constructor(
    readonly code: NpuSmiParseErrorCode,
    message: string,
    /** The whole input as received. */
    readonly raw: string,
    /** 1-based line number of the offending line, when there is one. */
    readonly line: number | null = null,
  ) {
    super(line === null ? message : t('{0} (line {1})', message, line));
  }

  /** The offending line's text, or null. */
  get lineText(): string | null {
    if (this.line === null) return null;
    return this.raw.split(/\r?\n/)[this.line - 1] ?? null;
  }
}

/** The text npu-smi prints when it cannot reach the driver (docs/ascend-facts.md §4/§7: in containers without access). */
export const DCMI_FAILURE_PATTERN = /dcmi module initialize failed\. ret is (-?\d+)/;

/** Throws a `dcmi-failure` error if the raw text is npu-smi's own failure message. */
export function throwIfDcmiFailure(raw: string): void {
  const m = DCMI_FAILURE_PATTERN.exec(raw);
  if (m) {
    throw new NpuSmiParseError('dcmi-failure', t('npu-smi could not initialize the device management interface (dcmi error {0})', m[1]), raw);
  }
}
