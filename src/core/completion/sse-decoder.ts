/**
 * Decodes a Server-Sent Events byte stream into `data:` payloads, the way vLLM streams completions:
 * `data: {json}\n\n` … `data: [DONE]\n\n`. Handles chunks split anywhere, CRLF, and multi-line data fields.
 */
export class SseDecoder {
  private buffer = '';
  private data: string[] = [];

  /** Feeds a chunk and returns the payloads of every event it completed. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const events: string[] = [];
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      let line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (this.data.length > 0) events.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) {
        this.data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
      // other fields (event:, id:, comments) are not used by vLLM's completion stream
    }
    return events;
  }

  /** Payload of an event the stream ended without terminating. */
  flush(): string[] {
    const rest = this.buffer.startsWith('data:') ? [...this.data, this.buffer.slice(this.buffer[5] === ' ' ? 6 : 5)] : this.data;
    this.buffer = '';
    this.data = [];
    return rest.length > 0 ? [rest.join('\n')] : [];
  }
}

export interface CompletionChunk {
  text: string;
  finishReason: string | null;
  error?: string;
}

/** Parses one `data:` payload of `/v1/completions`; undefined for `[DONE]`. */
export function parseCompletionChunk(payload: string): CompletionChunk | undefined {
  if (payload.trim() === '[DONE]') return undefined;
  const parsed = JSON.parse(payload) as {
    choices?: Array<{ text?: unknown; finish_reason?: unknown }>;
    error?: { message?: unknown } | string;
    message?: unknown;
  };
  if (parsed.error !== undefined) {
    const msg = typeof parsed.error === 'string' ? parsed.error
      : typeof parsed.error.message === 'string' ? parsed.error.message : 'error';
    return { text: '', finishReason: 'error', error: msg };
  }
  const choice = parsed.choices?.[0];
  const text = typeof choice?.text === 'string' ? choice.text : '';
  const finish = typeof choice?.finish_reason === 'string' ? choice.finish_reason : null;
  return { text, finishReason: finish };
}
