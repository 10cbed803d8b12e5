/**
 * The post-deploy check: once the new server is healthy, one short streamed completion and one chat request go
 * through the forward, as a client would send them. The completion must answer (else the deploy fails and rolls
 * back: a server that lists its model but cannot generate serves nobody); it gives the time to first token and
 * the decode rate, kept in the deployment record. The chat request shows whether the served model has a chat
 * template (vLLM answers 400 for a base model without one): a failure there is a warning, not a failed deploy.
 */
import { request } from 'node:http';
import { t } from '../../l10n/index';
import type { DeploymentSmoke } from '../../deployment/record';
import type { RunContext } from '../host/run-context';
import { authHeaders } from './health-paths';

const PROMPT = 'def fibonacci(n):';
const MAX_TOKENS = 16;
const TIMEOUT_MS = 60_000;

interface Streamed { status: number; body: string; firstAt?: number; endAt: number; chunks: number; usageTokens?: number }

/** POSTs JSON; for SSE, notes when the first data line with text arrives and counts those lines. */
function post(port: number, path: string, body: object, headers: Record<string, string>, now: () => number): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', timeout: TIMEOUT_MS, headers: { 'content-type': 'application/json', 'content-length': String(data.length), ...headers } }, (res) => {
      let text = '';
      let buf = '';
      let firstAt: number | undefined;
      let chunks = 0;
      let usageTokens: number | undefined;
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
        buf += d;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line.startsWith('data:') || line === 'data: [DONE]') continue;
          try {
            const ev = JSON.parse(line.slice(5)) as { choices?: Array<{ text?: string; delta?: { content?: string } }>; usage?: { completion_tokens?: number } };
            if (ev.usage?.completion_tokens !== undefined) usageTokens = ev.usage.completion_tokens;
            const piece = ev.choices?.[0]?.text ?? ev.choices?.[0]?.delta?.content;
            if (piece) { firstAt ??= now(); chunks++; }
          } catch {
            // not an event: the body is reported as it is
          }
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, firstAt, endAt: now(), chunks, usageTokens }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(t('no answer within {0} s', TIMEOUT_MS / 1000))));
    req.on('error', reject);
    req.end(data);
  });
}

const reason = (r: Streamed): string => {
  try {
    const v = JSON.parse(r.body) as { error?: { message?: string } | string; message?: string };
    const m = typeof v.error === 'string' ? v.error : v.error?.message ?? v.message;
    if (m) return `HTTP ${r.status}: ${m}`;
  } catch {
    // fall through
  }
  return `HTTP ${r.status}: ${r.body.trim().slice(0, 200)}`;
};

export interface SmokeOutcome {
  /** Set when the completion failed (the deploy fails). */
  error?: string;
  smoke?: DeploymentSmoke;
  /** Localized remarks (the chat request failed, …). */
  notes: string[];
}

/** Runs both requests against the server's host port; `now` is injectable for tests. */
export async function smokeCheck(
  ctx: RunContext, w: { hostPort: number; servedModelName: string; apiKey?: string }, now: () => number = () => performance.now(),
): Promise<SmokeOutcome> {
  const fwd = await ctx.shell.forward(w.hostPort);
  try {
    const headers = authHeaders(w.apiKey);
    const started = now();
    let r: Streamed;
    try {
      r = await post(fwd.localPort, '/v1/completions', {
        model: w.servedModelName, prompt: PROMPT, max_tokens: MAX_TOKENS, temperature: 0, stream: true, stream_options: { include_usage: true },
      }, headers, now);
    } catch (e) {
      return { error: t('The test completion to {0} failed: {1}', w.servedModelName, (e as Error).message), notes: [] };
    }
    if (r.status !== 200 || r.firstAt === undefined) {
      return { error: t('The test completion to {0} failed: {1}', w.servedModelName, r.status === 200 ? t('no tokens came back') : reason(r)), notes: [] };
    }
    const tokens = r.usageTokens ?? r.chunks;
    const decodeS = (r.endAt - r.firstAt) / 1000;
    const smoke: DeploymentSmoke = {
      ttftMs: Math.round(r.firstAt - started),
      tokensPerSecond: tokens > 1 && decodeS > 0 ? Math.round(((tokens - 1) / decodeS) * 10) / 10 : undefined,
      completionTokens: tokens,
      chat: 'ok',
    };
    const notes: string[] = [];
    try {
      const c = await post(fwd.localPort, '/v1/chat/completions', {
        model: w.servedModelName, messages: [{ role: 'user', content: 'Say OK.' }], max_tokens: 4, temperature: 0,
      }, headers, now);
      if (c.status !== 200) {
        smoke.chat = 'failed';
        notes.push(t('The test chat request to {0} failed ({1}): the model may have no chat template; completions work.', w.servedModelName, reason(c)));
      }
    } catch (e) {
      smoke.chat = 'failed';
      notes.push(t('The test chat request to {0} failed ({1}): the model may have no chat template; completions work.', w.servedModelName, (e as Error).message));
    }
    return { smoke, notes };
  } finally {
    fwd.close();
  }
}

/** "TTFT 123 ms, 45.6 tokens/s" for messages. */
export function describeSmoke(s: DeploymentSmoke): string {
  return s.tokensPerSecond === undefined ? t('TTFT {0} ms', s.ttftMs) : t('TTFT {0} ms, {1} tokens/s', s.ttftMs, s.tokensPerSecond);
}
