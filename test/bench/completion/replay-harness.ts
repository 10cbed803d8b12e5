/**
 * Replays one typing trace in real time against a completion engine, emulating VS Code: every edit cancels the
 * token of the call in flight, and a call starts 50 ms after the last edit (VS Code's fixed fetch debounce).
 * A suggestion that matches the file's true continuation is accepted (Tab) with some probability.
 */
import { CancellationSource } from '../../../src/core/completion/cancellation';
import type { CompletionEngine, CompletionResult } from '../../../src/core/completion/engine';
import { rng } from './trace-synth';
import type { TraceEvent } from './trace-synth';

export interface Shown {
  keyAt: number;
  enteredAt: number;
  resultAt: number;
  source: CompletionResult['source'];
  mode: CompletionResult['mode'];
  chars: number;
}

export interface ReplayOutcome {
  typedChars: number;
  acceptedChars: number;
  accepts: number;
  triggers: number;
  shown: Shown[];
}

const VSCODE_DEBOUNCE_MS = 50;
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

export async function replay(engine: CompletionEngine, finalText: string, events: TraceEvent[], languageId: string,
  fileName: string, seed: number): Promise<ReplayOutcome> {
  const r = rng(seed ^ 0x5eed);
  let doc = '';
  let pos = 0; // chars of finalText the document holds (when no typo is pending)
  let typo = false;
  let cts: CancellationSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let visible: { result: CompletionResult; docAt: string } | undefined;
  let lastKeyAt = 0;
  const out: ReplayOutcome = { typedChars: 0, acceptedChars: 0, accepts: 0, triggers: 0, shown: [] };

  const edited = (): void => {
    lastKeyAt = performance.now();
    visible = undefined;
    cts?.cancel();
    if (timer) clearTimeout(timer);
    const keyAt = lastKeyAt;
    timer = setTimeout(() => {
      const source = new CancellationSource();
      cts = source;
      const text = doc;
      out.triggers++;
      const enteredAt = performance.now();
      void engine.complete({ documentText: text, offset: text.length, languageId, fileName, token: source.token }).then((res) => {
        if (!res || source.token.isCancellationRequested) return;
        out.shown.push({ keyAt, enteredAt, resultAt: performance.now(), source: res.source, mode: res.mode, chars: res.text.length });
        visible = { result: res, docAt: text };
      });
    }, VSCODE_DEBOUNCE_MS);
  };

  let next = performance.now() + 500;
  for (const ev of events) {
    next += ev.gapMs;
    await sleepUntil(next);
    // Accept instead of typing when the suggestion on screen is what the user was about to type.
    if (visible && visible.docAt === doc && !typo) {
      const s = visible.result.text;
      if (s.length >= 3 && finalText.startsWith(s, pos) && r() < 0.6) {
        doc += s;
        pos += s.length;
        out.acceptedChars += s.length;
        out.accepts++;
        engine.recordAccepted();
        edited();
        continue;
      }
    }
    if (ev.kind === 'backspace') {
      doc = doc.slice(0, -1);
      typo = false;
      out.typedChars++;
      edited();
      continue;
    }
    if (ev.pos === -1) {
      doc += ev.text;
      typo = true;
      out.typedChars++;
      edited();
      continue;
    }
    if (ev.pos <= pos) continue; // covered by an accepted suggestion
    doc += ev.text;
    pos = ev.pos;
    out.typedChars++;
    edited();
  }
  await sleepUntil(performance.now() + 400);
  cts?.cancel();
  if (timer) clearTimeout(timer);
  return out;
}
