import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseDecoder, parseCompletionChunk } from '../../../src/core/completion/sse-decoder';

const event = (text: string, finish: string | null = null): string =>
  `data: ${JSON.stringify({ choices: [{ index: 0, text, finish_reason: finish }] })}\n\n`;

test('events split across chunks at every position decode the same', () => {
  const stream = event('hel') + event('lo\n') + event('', 'stop') + 'data: [DONE]\n\n';
  for (let cut = 1; cut < stream.length; cut++) {
    const d = new SseDecoder();
    const payloads = [...d.push(stream.slice(0, cut)), ...d.push(stream.slice(cut))];
    assert.equal(payloads.length, 4);
    const texts = payloads.map(parseCompletionChunk).map((c) => c?.text ?? '<done>');
    assert.deepEqual(texts, ['hel', 'lo\n', '', '<done>']);
  }
});

test('CRLF framing and comments', () => {
  const d = new SseDecoder();
  const out = d.push(': keep-alive\r\n\r\ndata: [DONE]\r\n\r\n');
  assert.deepEqual(out, ['[DONE]']);
});

test('finish reasons and error payloads', () => {
  assert.equal(parseCompletionChunk(JSON.stringify({ choices: [{ text: 'x', finish_reason: 'length' }] }))?.finishReason, 'length');
  assert.equal(parseCompletionChunk(JSON.stringify({ error: { message: 'boom', code: 500 } }))?.error, 'boom');
  assert.equal(parseCompletionChunk('[DONE]'), undefined);
  assert.throws(() => parseCompletionChunk('{not json'));
});
