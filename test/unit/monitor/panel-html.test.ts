import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../../src/core/monitor/panel-html';
import { randomBytes } from 'node:crypto';

test('the CSP allows only nonce scripts, the webview source and data: images', () => {
  assert.equal(
    contentSecurityPolicy('https://*.vscode-cdn.net', 'abc'),
    "default-src 'none'; style-src https://*.vscode-cdn.net 'nonce-abc'; script-src 'nonce-abc'; img-src https://*.vscode-cdn.net data:",
  );
});

test('nonces are 32 alphanumerics and differ per load', () => {
  const a = makeNonce((n) => randomBytes(n));
  const b = makeNonce((n) => randomBytes(n));
  assert.match(a, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(a, b);
});

test('the page has one nonce\'d script and stylesheet, no inline handlers, and escapes its inputs', () => {
  const html = panelHtml({ cspSource: 'vscode-resource:', nonce: 'N0nce', scriptUri: 'https://x/monitor.js?a=1&b="2"',
    styleUri: 'https://x/monitor.css', lang: 'zh-cn', title: '<NPU>' });
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.match(html, /<script nonce="N0nce" src="https:\/\/x\/monitor.js\?a=1&amp;b=&quot;2&quot;">/);
  assert.match(html, /<link rel="stylesheet" nonce="N0nce" href="https:\/\/x\/monitor.css">/);
  assert.match(html, /<html lang="zh-cn">/);
  assert.match(html, /<title>&lt;NPU&gt;<\/title>/);
  assert.doesNotMatch(html, /\son[a-z]+=/);
  assert.match(html, /http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|content="default-src 'none'/);
});
