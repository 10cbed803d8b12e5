/** Typed errors of the completion client, each with a localized message for the status bar. */
import { t } from '../l10n/index';

export type CompletionErrorKind = 'unauthorized' | 'unreachable' | 'timeout' | 'http' | 'protocol' | 'no-model';

export class CompletionError extends Error {
  constructor(
    readonly kind: CompletionErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CompletionError';
  }
}

export function unauthorizedError(url: string): CompletionError {
  return new CompletionError('unauthorized',
    t('The completion server at {0} refused the API key (HTTP 401 Unauthorized). Check the completion API key.', url), 401);
}

export function unreachableError(url: string, code: string): CompletionError {
  return new CompletionError('unreachable', t('Cannot reach the completion server at {0} ({1}).', url, code));
}

export function timeoutError(url: string, ms: number): CompletionError {
  return new CompletionError('timeout', t('The completion server at {0} did not answer within {1} ms.', url, ms));
}

export function httpError(url: string, status: number, detail: string): CompletionError {
  return new CompletionError('http', t('The completion server at {0} answered HTTP {1}: {2}', url, status, detail), status);
}

export function protocolError(url: string, detail: string): CompletionError {
  return new CompletionError('protocol', t('Unexpected answer from the completion server at {0}: {1}', url, detail));
}

export function noModelError(url: string): CompletionError {
  return new CompletionError('no-model', t('The completion server at {0} serves no model (/v1/models is empty).', url));
}

/** The message of a vLLM error body: `{"error": {"message": …}}` (current) or flat `{"message": …}` (older). */
export function errorBodyMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (parsed.error && typeof parsed.error === 'object' && typeof parsed.error.message === 'string') return parsed.error.message;
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return body.slice(0, 200).trim();
}
