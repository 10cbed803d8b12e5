/**
 * The golden corpus: each case runs the engine's real path from document to insertion (windows, mode choice,
 * post-processing) on a fixed model output and compares the resulting document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseMode } from '../../../src/core/completion/completion-mode';
import { cutWindow } from '../../../src/core/completion/document-window';
import { postProcess } from '../../../src/core/completion/postprocess/postprocess';
import { CURSOR, loadGoldenCases } from './golden-cases';

const cases = loadGoldenCases();

test('the golden corpus has at least 40 post-processing cases', () => {
  assert.ok(cases.length >= 40, `only ${cases.length} cases`);
});

for (const c of cases) {
  test(`golden ${c.file}: ${c.name}`, () => {
    const eol = c.crlf ? '\r\n' : '\n';
    const before = c.before.split('\n').join(eol);
    const offset = before.indexOf(CURSOR);
    const doc = before.slice(0, offset) + before.slice(offset + CURSOR.length);
    const w = cutWindow(doc, offset);
    const decision = chooseMode(w, c.language);
    if (c.expectMode) assert.equal(decision.mode, c.expectMode, 'mode');
    const r = postProcess(c.model, {
      prefixAbove: w.prefixAbove, linePrefix: w.linePrefix, lineSuffix: w.lineSuffix, suffixBelow: w.suffixBelow,
      mode: decision.mode, afterOpener: decision.afterOpener, languageId: c.language, eol: w.eol,
    });
    if (c.after === null) {
      assert.equal(r, null, `expected the completion to be dropped, got ${JSON.stringify(r)}`);
      return;
    }
    assert.ok(r, 'expected a completion, got null');
    const after = doc.slice(0, offset) + r.text + CURSOR + doc.slice(offset + r.replaceLength);
    assert.equal(after, c.after.split('\n').join(eol));
  });
}
