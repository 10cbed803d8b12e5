#!/usr/bin/env node
// Builds test/fixtures/upstream/vllm-ascend-<tag>.json from a local git mirror of vllm-project/vllm-ascend:
// for every Dockerfile, every examples/*.sh|*.py and every ```bash/```shell/```python block of docs/**/*.md at the
// tag, the excerpts our rules read — command lines (continuations joined) that name vllm, docker, pip, git,
// npu-smi, CANN, torch, python3.x or VLLM_TAG, Dockerfile FROM/ARG lines, and Python calls of LLM / EngineArgs /
// SamplingParams / from_pretrained — with the path and the tag's commit. Excerpts only: the files themselves are
// not copied. Usage: node scripts/upstream-fixture.mjs <git-dir> <tag>...
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [gitDir, ...tags] = process.argv.slice(2);
if (!gitDir || tags.length === 0) {
  console.error('usage: node scripts/upstream-fixture.mjs <git-dir> <tag>...');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

const SHELL_WORDS = /\b(vllm|docker|pip3?|git\s+clone|npu-smi|cann|torch|python3\.\d+|VLLM_TAG|USE_ARM_NEON|ASCEND_RT_VISIBLE_DEVICES)\b|--platform/i;
const PY_CALL = /\b(LLM|EngineArgs|AsyncEngineArgs|SamplingParams|from_pretrained)\s*\(/g;

/** Logical lines (backslash continuations joined with a newline kept) of shell-like text. */
function logical(lines) {
  const out = [];
  let cur = [];
  for (const l of lines) {
    cur.push(l);
    if (!/\\\s*$/.test(l)) { out.push(cur.join('\n')); cur = []; }
  }
  if (cur.length) out.push(cur.join('\n'));
  return out;
}

function shellExcerpt(text, dockerfile) {
  const keep = logical(text.split('\n')).filter((l) => {
    const code = l.replace(/^\s*#.*$/gm, '');
    if (!code.trim()) return false;
    if (dockerfile && /^\s*(FROM|ARG)\s/i.test(code)) return true;
    return SHELL_WORDS.test(code);
  });
  return keep.join('\n');
}

/** Balanced-parenthesis call text of the calls our Python rules read. */
function pythonExcerpt(text) {
  const out = [];
  for (const m of text.matchAll(PY_CALL)) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) break;
    }
    const start = text.lastIndexOf('\n', m.index) + 1;
    out.push(text.slice(start, i + 1).replace(/^\s+/, ''));
  }
  return out.join('\n');
}

function docBlocks(md) {
  const out = [];
  const re = /^([ \t]*)```+[ \t]*(?:\{code-block\}\s*)?(bash|shell|sh|console|python|py)\b[^\n]*\n([\s\S]*?)^\1```/gm;
  for (const m of md.matchAll(re)) {
    const lang = m[2] === 'py' ? 'python' : m[2] === 'python' ? 'python' : 'shell';
    // MyST code-block options (`:substitutions:`) are not part of the block.
    const body = m[3].split('\n').map((l) => l.slice(m[1].length).replace(/^\$ /, '')).filter((l) => !/^:[\w-]+:/.test(l)).join('\n');
    const line = md.slice(0, m.index).split('\n').length;
    out.push({ lang, body, line });
  }
  return out;
}

for (const tag of tags) {
  const commit = git('rev-list', '-n1', tag).trim();
  const files = git('ls-tree', '-r', '--name-only', tag).split('\n').filter(Boolean);
  const items = [];
  for (const path of files) {
    const isDocker = /(^|\/)Dockerfile[^/]*$/.test(path);
    const isExample = /^examples\/.*\.(sh|py)$/.test(path);
    const isDoc = /^docs\/.*\.md$/.test(path);
    if (!isDocker && !isExample && !isDoc) continue;
    const text = git('show', `${tag}:${path}`);
    if (isDocker) items.push({ path, kind: 'dockerfile', text: shellExcerpt(text, true) });
    else if (isExample && path.endsWith('.sh')) items.push({ path, kind: 'shell', text: shellExcerpt(text, false) });
    else if (isExample) items.push({ path, kind: 'python', text: pythonExcerpt(text) });
    else {
      for (const b of docBlocks(text)) {
        const excerpt = b.lang === 'python' ? pythonExcerpt(b.body) : shellExcerpt(b.body, false);
        items.push({ path: `${path}:${b.line}`, kind: b.lang, text: excerpt });
      }
    }
  }
  // One entry per distinct excerpt, with every place it comes from (tutorials repeat the same docker run).
  const byText = new Map();
  for (const x of items) {
    if (!x.text.trim()) continue;
    const key = `${x.kind}\u0000${x.text}`;
    const e = byText.get(key);
    if (e) e.paths.push(x.path);
    else byText.set(key, { paths: [x.path], kind: x.kind, text: x.text });
  }
  const kept = [...byText.values()];
  const head = { repo: 'vllm-project/vllm-ascend', tag, commit, note: 'Excerpts read by the rules (see scripts/upstream-fixture.mjs); not the files.' };
  const body = kept.map((x) => JSON.stringify(x)).join(',\n');
  const name = `vllm-ascend-${tag.replace(/\//g, '-')}.json`;
  writeFileSync(join('test/fixtures/upstream', name), `${JSON.stringify(head).slice(0, -1)},"items":[\n${body}\n]}\n`);
  console.log(`${name}: ${kept.length} excerpts from ${commit}`);
}
