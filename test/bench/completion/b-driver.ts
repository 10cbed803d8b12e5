/**
 * Types one trace into the focused editor of a real VS Code page, in real time, with the same rules as benchmark A's
 * replay (replay-harness.ts): a suggestion on screen that is the true continuation (≥ 3 chars) is accepted with Tab
 * with probability 0.6 (same PRNG and seed) instead of the next keystroke. Each trace event is one edit:
 * a character is a real key press (keydown/keypress/input/keyup), Backspace and Tab likewise, and Enter plus its
 * indentation is one `insertText` (the editor's auto-indent is off, so the document matches A's exactly).
 */
import type { Page } from 'playwright-core';
import { rng } from './trace-synth';
import type { TraceEvent } from './trace-synth';
import { announce } from './b-page-probe';
import { ghostEnd } from './b-analyze';

export interface DriveOutcome {
  doc: string;
  typedChars: number;
  accepts: number;
  acceptedChars: number;
  /** Driver lateness vs the trace's schedule (ms), p50/max: Playwright's round trips. */
  lateMs: number[];
  /** What the driver did per event: i, action, the ghost text it read, the true-text position and document after. */
  actions: Array<{ i: number; action: string; ghost: string; pos: number; doc: string }>;
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

export async function drive(page: Page, finalText: string, events: TraceEvent[], seed: number): Promise<DriveOutcome> {
  const r = rng(seed ^ 0x5eed);
  let doc = '';
  let pos = 0;
  let typo = false;
  const out: DriveOutcome = { doc: '', typedChars: 0, accepts: 0, acceptedChars: 0, lateMs: [], actions: [] };
  const type = async (text: string) => {
    if (text.length === 1 && text !== '\t' && text !== '\n') await page.keyboard.type(text);
    else await page.keyboard.insertText(text);
  };

  let next = performance.now() + 500;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    next += ev.gapMs;
    await sleepUntil(next);
    out.lateMs.push(performance.now() - next);
    const ghost = (await page.evaluate(announce(i))) as string;
    if (ghost && !typo) {
      const end = ghostEnd(finalText, pos, ghost);
      if (end >= 0 && end - pos >= 3 && r() < 0.6) {
        await page.keyboard.press('Tab');
        doc += finalText.slice(pos, end);
        out.actions.push({ i, action: 'accept', ghost, pos: end, doc });
        out.acceptedChars += end - pos;
        pos = end;
        out.accepts++;
        continue;
      }
    }
    if (ev.kind === 'backspace') {
      await page.keyboard.press('Backspace');
      doc = doc.slice(0, -1);
      out.actions.push({ i, action: 'backspace', ghost, pos, doc });
      typo = false;
      out.typedChars++;
      continue;
    }
    if (ev.pos === -1) {
      await type(ev.text);
      doc += ev.text;
      out.actions.push({ i, action: `typo ${ev.text}`, ghost, pos, doc });
      typo = true;
      out.typedChars++;
      continue;
    }
    if (ev.pos <= pos) continue; // covered by an accepted suggestion
    // After an accept that ended mid-way through this event's text (Enter + indent), type only the rest.
    const text = finalText.slice(pos, ev.pos);
    await type(text);
    doc += text;
    out.actions.push({ i, action: `type ${JSON.stringify(text)}`, ghost, pos: ev.pos, doc });
    pos = ev.pos;
    out.typedChars++;
  }
  await sleepUntil(performance.now() + 400);
  out.doc = doc;
  return out;
}
