/**
 * Replays one typing trace in real time against a completion engine, emulating VS Code: every edit cancels the
 * token of the call in flight, and a call starts 50 ms after the last edit (VS Code's fixed fetch debounce).
 * A suggestion that matches the file's true continuation is accepted (Tab) with some probability. Each edit is
 * also reported to the engine (`noteEdit`, as the provider does from onDidChangeTextDocument). Keys an accepted
 * suggestion already covered are skipped without waiting: the user goes on with the next key they must type.
 * A partial result (the first piece of a line) is shown, and when its `whenComplete` says the rest is there and
 * nothing was typed since, the engine is called again at once, as the provider does through VS Code's
 * explicit trigger (which does not debounce).
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
  /** A single-line suggestion for the next line (shown at the end of a line). */
  nextLine: boolean;
  chars: number;
  /** False when the first piece came before the rest of its line; `completeAt` is when the whole of it was shown. */
  complete: boolean;
  completeAt?: number;
}

export interface ReplayOutcome {
  /** Trace events replayed (the rest were covered by accepted suggestions). */
  keysReplayed: number;
  durationMs: number;
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
  const out: ReplayOutcome = { typedChars: 0, acceptedChars: 0, accepts: 0, triggers: 0, shown: [], keysReplayed: 0, durationMs: 0 };
  const began = performance.now();

  const edited = (): void => {
    lastKeyAt = performance.now();
    visible = undefined;
    cts?.cancel();
    engine.noteEdit(doc, doc.length);
    if (timer) clearTimeout(timer);
    const keyAt = lastKeyAt;
    timer = setTimeout(() => {
      const source = new CancellationSource();
      cts = source;
      const text = doc;
      out.triggers++;
      const enteredAt = performance.now();
      const request = { documentText: text, offset: text.length, languageId, fileName, token: source.token };
      void engine.complete(request).then((res) => {
        if (!res || source.token.isCancellationRequested) return;
        const shown: Shown = { keyAt, enteredAt, resultAt: performance.now(), source: res.source, mode: res.mode, nextLine: res.mode === 'single' && res.text.includes('\n'), chars: res.text.length, complete: res.complete };
        out.shown.push(shown);
        visible = { result: res, docAt: text };
        const grow = (partial: CompletionResult): void => {
          void partial.whenComplete?.then((ok) => {
            if (!ok || source.token.isCancellationRequested || doc !== text) return;
            out.triggers++;
            void engine.complete(request).then((more) => {
              if (!more || source.token.isCancellationRequested || doc !== text) return;
              visible = { result: more, docAt: text };
              if (more.complete) { shown.completeAt = performance.now(); shown.chars = more.text.length; } else grow(more);
            });
          });
        };
        if (!res.complete) grow(res);
      });
    }, VSCODE_DEBOUNCE_MS);
  };

  let next = performance.now() + 500;
  let skipBackspace = false;
  for (const ev of events) {
    // Keys an accepted suggestion covered: typed characters, and typos (with their backspace) made inside it.
    if (ev.kind === 'type' && ev.pos !== -1 && ev.pos <= pos && !typo) continue;
    if (ev.kind === 'type' && ev.pos === -1 && ev.at !== undefined && ev.at < pos && !typo) { skipBackspace = true; continue; }
    if (ev.kind === 'backspace' && skipBackspace) { skipBackspace = false; continue; }
    next += ev.gapMs;
    await sleepUntil(next);
    out.keysReplayed++;
    // Accept instead of typing when the suggestion on screen is what the user was about to type.
    // (Only in place of a correct key: accepting instead of a typo would leave its backspace deleting good text.)
    if (visible && visible.docAt === doc && !typo && ev.kind === 'type' && ev.pos !== -1) {
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
  out.durationMs = performance.now() - began;
  return out;
}
