// The SamplingParams field list is vLLM's own, at the commit the schemas describe: read from the stored excerpt of
// vllm/sampling_params.py, never typed in twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePython } from '../../../src/core/python/validate-python';
import {
  NEWER_SAMPLING_PARAMS_FIELDS, OLDER_SAMPLING_PARAMS_FIELDS, SAMPLING_PARAMS_COMMIT, SAMPLING_PARAMS_FIELDS,
} from '../../../src/core/python/sampling-params-fields';

const excerpt = readFileSync(join(__dirname, 'fixtures', 'vllm-sampling_params-eebce657.py'), 'utf8');
const genSchemas = readFileSync(join(__dirname, '../../../scripts/gen-schemas.mjs'), 'utf8');

/** Names annotated at class level in `class SamplingParams(...)`, skipping docstrings and methods. */
function structFields(source: string): string[] {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.startsWith('class SamplingParams('));
  assert.ok(start >= 0, 'class SamplingParams not in the excerpt');
  const bodyStart = lines.findIndex((l, i) => i >= start && /\)\s*:/.test(l)); // end of the (multi-line) header
  const fields: string[] = [];
  let inDocstring = false;
  for (const line of lines.slice(bodyStart + 1)) {
    if (/^\S/.test(line)) break; // next top-level statement
    const quotes = line.split('"""').length - 1;
    if (inDocstring) {
      if (quotes % 2 === 1) inDocstring = false;
      continue;
    }
    if (quotes % 2 === 1) { inDocstring = true; continue; }
    if (/^ {4}(@|def )/.test(line)) break; // first method: the fields are over
    const m = /^ {4}([A-Za-z_]\w*)\s*:/.exec(line);
    if (m) fields.push(m[1]);
  }
  return fields;
}

const fromVllm = structFields(excerpt);

test('the excerpt is vLLM at the commit the schemas describe', () => {
  assert.equal(SAMPLING_PARAMS_COMMIT, 'eebce65756f0beb08547439728da98b5e1a7119c');
  assert.ok(excerpt.includes(`/blob/${SAMPLING_PARAMS_COMMIT}/vllm/sampling_params.py`));
  assert.ok(genSchemas.includes(`const VLLM_COMMIT = '${SAMPLING_PARAMS_COMMIT}'`), 'gen-schemas.mjs describes another commit');
  assert.ok(fromVllm.length > 30, `only ${fromVllm.length} fields parsed`);
  assert.ok(fromVllm.includes('max_tokens') && fromVllm.includes('_all_stop_token_ids'));
});

test('SAMPLING_PARAMS_FIELDS is exactly the field list of vLLM sampling_params.py, in order', () => {
  assert.deepEqual([...SAMPLING_PARAMS_FIELDS], fromVllm);
});

test('no field of SamplingParams at that commit is ever flagged, one per call or all in one', () => {
  for (const f of fromVllm) assert.deepEqual(validatePython(`SamplingParams(${f}=1)\n`), [], f);
  const all = fromVllm.map((f) => `    ${f}=None,`).join('\n');
  assert.deepEqual(validatePython(`from vllm import SamplingParams\np = SamplingParams(\n${all}\n)\n`), []);
});

test('fields of other vLLM releases are warnings that name v0.23.0; unknown names are errors', () => {
  for (const f of [...OLDER_SAMPLING_PARAMS_FIELDS, ...NEWER_SAMPLING_PARAMS_FIELDS]) {
    assert.ok(!fromVllm.includes(f), `${f} is a field at v0.23.0`);
    const [finding, ...rest] = validatePython(`SamplingParams(${f}=1)\n`);
    assert.equal(rest.length, 0);
    assert.equal(finding.code, 'ASC520', f);
    assert.equal(finding.severity, 'warning', f);
    assert.match(finding.message, /v0\.23\.0/);
  }
  const [unknown] = validatePython('SamplingParams(temprature=0.5)\n');
  assert.equal(unknown.severity, 'error');
  assert.equal(unknown.fixes?.[0]?.title, 'Change to temperature');
});
