import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostTextFilter, sanitizeHostText } from '../../../src/core/host-command/sanitize-text';

const ESC = '\x1b';

test('colours, cursor moves and screen clears are removed, the text stays', () => {
  assert.equal(sanitizeHostText(`${ESC}[31mERROR${ESC}[0m: npu 3`), 'ERROR: npu 3');
  assert.equal(sanitizeHostText(`a${ESC}[2J${ESC}[H${ESC}[1;1Hb`), 'ab');
  assert.equal(sanitizeHostText(`${ESC}[?1049h${ESC}[?25lhidden alt screen`), 'hidden alt screen');
  assert.equal(sanitizeHostText(`x${ESC}[38;2;255;0;0my`), 'xy');
});

test('OSC strings (title, clipboard, hyperlink) are removed up to BEL or ST', () => {
  assert.equal(sanitizeHostText(`${ESC}]0;pwned title\x07log line`), 'log line');
  assert.equal(sanitizeHostText(`${ESC}]52;c;ZWNobyBoaQ==${ESC}\\after`), 'after');
  assert.equal(sanitizeHostText(`${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`), 'click');
  assert.equal(sanitizeHostText(`${ESC}P1$r0m${ESC}\\dcs gone`), 'dcs gone');
  assert.equal(sanitizeHostText(`${ESC}_apc${ESC}\\${ESC}^pm${ESC}\\${ESC}Xsos${ESC}\\ok`), 'ok');
});

test('8-bit C1 forms are removed like their ESC forms', () => {
  assert.equal(sanitizeHostText('\u009b31mred\u009b0m'), 'red');
  assert.equal(sanitizeHostText('\u009d0;title\u0007text'), 'text');
  assert.equal(sanitizeHostText('a\u0085b\u008dc'), 'abc');
});

test('short escapes: charset selection, reset, keypad modes', () => {
  assert.equal(sanitizeHostText(`${ESC}(Bplain${ESC}c${ESC}=${ESC}7x${ESC}8`), 'plainx');
});

test('C0 controls, DEL and bidi overrides are dropped; tab and newline stay', () => {
  assert.equal(sanitizeHostText('a\x00b\x07c\x08d\x7fe'), 'abcde');
  assert.equal(sanitizeHostText('col1\tcol2\nline2\n'), 'col1\tcol2\nline2\n');
  assert.equal(sanitizeHostText('file\u202Etxt.exe\u2066x\u2069'), 'filetxt.exex');
});

test('CRLF stays; a lone carriage return cannot overwrite the line before it', () => {
  assert.equal(sanitizeHostText('a\r\nb'), 'a\r\nb');
  assert.equal(sanitizeHostText('real error\rfake ok'), 'real error\nfake ok');
  assert.equal(sanitizeHostText('progress 10%\rprogress 20%\r'), 'progress 10%\nprogress 20%\n');
});

test('Unicode text (Chinese, emoji) passes through untouched', () => {
  const s = '模型加载失败 ✖ 🚀 NPU 0 — HBM 65536 MB';
  assert.equal(sanitizeHostText(s), s);
});

test('a sequence cut off by the end of the text is dropped, not half-shown', () => {
  assert.equal(sanitizeHostText(`done${ESC}[3`), 'done');
  assert.equal(sanitizeHostText(`done${ESC}]0;title without end`), 'done');
  assert.equal(sanitizeHostText(`done${ESC}`), 'done');
});

test('streamed: a sequence split across chunks is removed whole, and CRLF split across chunks stays one newline', () => {
  const f = new HostTextFilter();
  const out = [f.push(`one${ESC}`), f.push('[31mtwo'), f.push(`${ESC}]0;ti`), f.push('tle\x07three\r'), f.push('\nfour'), f.flush()].join('');
  assert.equal(out, 'onetwothree\r\nfour');
});

test('streamed: an unterminated string longer than the carry limit is dropped, later text still shows', () => {
  const f = new HostTextFilter();
  const out = f.push(`a${ESC}]0;${'x'.repeat(5000)}`) + f.push('b\nvisible') + f.flush();
  assert.equal(out.endsWith('visible'), true);
  assert.equal(out.startsWith('a'), true);
  assert.doesNotMatch(out, new RegExp(ESC));
});

test('no escape or control character survives any mix of hostile pieces', () => {
  const pieces = [ESC, '[', ']', '\x07', '\\', 'P', '\u009b', '\u009d', '\r', '\n', 'm', '0', ';', 'a', '\x00', '\u202e', '(', 'B'];
  // Deterministic pseudo-random strings (an LCG), so a failure reproduces.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let n = 0; n < 2000; n++) {
    let s = '';
    for (let k = next() % 30; k > 0; k--) s += pieces[next() % pieces.length];
    const out = sanitizeHostText(s);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(out, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/, JSON.stringify(s));
  }
});
