/**
 * A plan that cannot be made from the inputs (a missing host path, an NPU the host does not have, W4A16 for a
 * dense model, …). The message is localized; `code` is stable for tests and the CLI.
 */
export type PlanErrorCode =
  | 'missing-model-path'
  | 'missing-npus'
  | 'unknown-npu'
  | 'unsupported-scheme'
  | 'w4a16-dense'
  | 'missing-quant-output'
  | 'missing-image-source'
  | 'bad-env'
  | 'bad-serve-value'
  | 'bad-record'
  | 'bad-parallel'
  | 'bad-host';

export class PlanError extends Error {
  constructor(readonly code: PlanErrorCode, message: string) {
    super(message);
    this.name = 'PlanError';
  }
}
