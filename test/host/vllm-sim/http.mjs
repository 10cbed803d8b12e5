// HTTP side of the simulated vLLM OpenAI server: /v1/completions (JSON and SSE), /v1/models, /health,
// /version, /metrics. Error bodies per docs/ascend-facts.md §5; tokens are sent on absolute deadlines.
import { randomBytes } from 'node:crypto';
import { continuation, tokenize } from './oracle.mjs';
import { makeMetrics } from './metrics.mjs';

export const VLLM_VERSION = '0.23.0';

/**
 * @param {{ kind: string, servedModelNames: string[], model: string, apiKeys: string[], maxModelLen: number,
 *   docs: string[], latency: () => { ttftMs: number, itlMs: number, jitterMs: number, maxConcurrency: number },
 *   log: (line: string) => void, onActivity?: (running: number) => void }} cfg
 */
export function makeHandler(cfg) {
  const metrics = makeMetrics(cfg.servedModelNames[0]);
  const queue = [];
  const created = Math.floor(Date.now() / 1000);
  let seq = 0;

  const send = (res, status, body, headers = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', ...headers });
    res.end(text);
  };
  const error = (res, status, type, message) => send(res, status, { error: { message, type, param: null, code: status } });

  function acquire(onGo) {
    const lat = cfg.latency();
    if (metrics.running < lat.maxConcurrency) { metrics.running++; metrics.kvUsage = Math.min(1, metrics.running * 0.03); onGo(); return () => {}; }
    const entry = { onGo };
    queue.push(entry);
    metrics.waiting = queue.length;
    return () => { const i = queue.indexOf(entry); if (i >= 0) queue.splice(i, 1); metrics.waiting = queue.length; };
  }
  function release() {
    metrics.running--;
    metrics.kvUsage = Math.min(1, metrics.running * 0.03);
    const next = queue.shift();
    metrics.waiting = queue.length;
    if (next) { metrics.running++; next.onGo(); }
    cfg.onActivity?.(metrics.running);
  }

  function completions(req, res, body, headersAt) {
    let r;
    try { r = JSON.parse(body); } catch { return error(res, 400, 'BadRequestError', 'Invalid JSON in request body'); }
    if (r.model !== undefined && r.model !== null && !cfg.servedModelNames.includes(r.model)) {
      return error(res, 404, 'NotFoundError', `The model \`${r.model}\` does not exist.`);
    }
    if (r.suffix !== undefined && r.suffix !== null) return error(res, 400, 'BadRequestError', 'suffix is not currently supported');
    const prompt = Array.isArray(r.prompt) ? r.prompt[0] : r.prompt;
    if (typeof prompt !== 'string') return error(res, 400, 'BadRequestError', 'prompt must be a string or a list of strings');
    const maxTokens = r.max_tokens ?? 16;
    const promptTokens = tokenize(prompt).length;
    if (promptTokens + maxTokens > cfg.maxModelLen) {
      return error(res, 400, 'BadRequestError', `This model's maximum context length is ${cfg.maxModelLen} tokens. However, you requested ${promptTokens + maxTokens} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`);
    }
    const stops = r.stop === undefined || r.stop === null ? [] : [r.stop].flat();
    // Deterministic output, cut at max_tokens, then at the first stop string.
    const all = tokenize(continuation(cfg.docs, prompt).text);
    let tokens = all.slice(0, maxTokens);
    let finish = all.length > maxTokens ? 'length' : 'stop';
    let stopReason = null;
    let text = tokens.join('');
    for (const s of stops) {
      const at = text.indexOf(s);
      if (s && at >= 0) {
        text = text.slice(0, at); finish = 'stop'; stopReason = s;
        const kept = [];
        let len = 0;
        for (const t of tokens) { if (len >= at) break; kept.push(len + t.length > at ? t.slice(0, at - len) : t); len += t.length; }
        tokens = kept;
      }
    }
    if (tokens.length === 0) tokens = [''];
    const id = `cmpl-${randomBytes(16).toString('hex')}`;
    const model = r.model ?? cfg.servedModelNames[0];
    const stream = r.stream === true;
    const usage = { prompt_tokens: promptTokens, total_tokens: promptTokens + tokens.length, completion_tokens: tokens.length, prompt_tokens_details: null };
    const arrived = headersAt;
    let done = false;
    let timer;
    let began = false;
    let queued = false;
    const cancelQueue = acquire(() => { began = true; cfg.onActivity?.(metrics.running); start(queued); });
    queued = !began;

    res.on('close', () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      metrics.aborted++;
      cfg.log(`INFO ${stamp()} [async_llm.py:426] Aborted request ${id}.`);
      if (began) release(); else cancelQueue();
    });

    function start(wasQueued) {
      const lat = cfg.latency();
      // The clock starts when the request's headers arrived (or when it left the queue): absolute deadlines.
      const t0 = wasQueued ? performance.now() : arrived;
      let i = 0;
      if (stream) res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      const deadline = (k) => t0 + lat.ttftMs + k * lat.itlMs + jitter(id, k, lat.jitterMs);
      const step = () => {
        if (done) return;
        if (i === 0) metrics.observe(metrics.ttft, (performance.now() - arrived) / 1000);
        const last = i === tokens.length - 1;
        if (stream) {
          const choice = { index: 0, text: tokens[i], logprobs: null, finish_reason: last ? finish : null, stop_reason: last ? stopReason : null };
          res.write(`data: ${JSON.stringify({ id, object: 'text_completion', created: Math.floor(Date.now() / 1000), model, choices: [choice] })}\n\n`);
        }
        metrics.generationTokens++;
        i++;
        if (!last) { timer = setTimeout(step, Math.max(0, deadline(i) - performance.now())); return; }
        done = true;
        metrics.promptTokens += promptTokens;
        metrics.success[finish]++;
        metrics.observe(metrics.e2e, (performance.now() - arrived) / 1000);
        release();
        if (stream) {
          if (r.stream_options?.include_usage) res.write(`data: ${JSON.stringify({ id, object: 'text_completion', created: Math.floor(Date.now() / 1000), model, choices: [], usage })}\n\n`);
          res.end('data: [DONE]\n\n');
        } else {
          send(res, 200, { id, object: 'text_completion', created: Math.floor(Date.now() / 1000), model,
            choices: [{ index: 0, text, logprobs: null, finish_reason: finish, stop_reason: stopReason, prompt_logprobs: null }], usage });
        }
      };
      timer = setTimeout(step, Math.max(0, deadline(0) - performance.now()));
    }
  }

  return (req, res) => {
    const headersAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (cfg.apiKeys.length && path.startsWith('/v1')) {
      const auth = req.headers.authorization ?? '';
      if (!cfg.apiKeys.some((k) => auth === `Bearer ${k}`)) return send(res, 401, { error: 'Unauthorized' });
    }
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seq++;
      if (path === '/health' && req.method === 'GET') return send(res, 200, '');
      if (path === '/metrics' && req.method === 'GET') {
        return send(res, 200, metrics.render(), { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      }
      if (cfg.kind === 'demo') {
        // The demo api_server has /generate and /health only (docs/ascend-facts.md §5).
        if (path === '/generate' && req.method === 'POST') {
          let p = {};
          try { p = JSON.parse(body); } catch { /* empty */ }
          return send(res, 200, { text: [`${p.prompt ?? ''}${continuation(cfg.docs, String(p.prompt ?? '')).text}`] });
        }
        return send(res, 404, { detail: 'Not Found' });
      }
      if (path === '/version' && req.method === 'GET') return send(res, 200, { version: VLLM_VERSION });
      if (path === '/v1/models' && req.method === 'GET') {
        return send(res, 200, { object: 'list', data: cfg.servedModelNames.map((n) => ({ id: n, object: 'model', created, owned_by: 'vllm',
          root: cfg.model, parent: null, max_model_len: cfg.maxModelLen, permission: [] })) });
      }
      if (path === '/v1/completions' && req.method === 'POST') {
        cfg.log(`INFO ${stamp()} [logger.py:41] Received request ${seq}.`);
        return completions(req, res, body, headersAt);
      }
      if (path === '/v1/chat/completions' && req.method === 'POST') {
        // The simulated model folders carry no chat_template in tokenizer_config.json (as base models such as
        // deepseek-coder-*-base do not), so chat fails the way vLLM fails then: transformers refuses to apply a
        // default template and vLLM returns that message as a 400.
        return error(res, 400, 'BadRequestError', 'As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.');
      }
      return send(res, 404, { detail: 'Not Found' });
    });
  };
}

/** Deterministic jitter in [-j, +j] ms for token k of a request. */
function jitter(id, k, j) {
  if (!j) return 0;
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  h = (h ^ Math.imul(k + 1, 2654435761)) >>> 0;
  return ((h % 2001) / 1000 - 1) * j;
}

export function stamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
