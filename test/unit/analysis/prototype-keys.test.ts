// Names of Object.prototype as user keys and values: every entry point finds in them exactly what it finds in an
// ordinary unknown name of the same shape (no crash, no schema entry, chip or table row found through the prototype).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configCompletions, configHover, configSymbols } from '../../../src/core/config/index';
import { parseDescriptor } from '../../../src/core/descriptor/load';
import { chipFacts } from '../../../src/core/config/hardware';
import { DEFAULT_HOST_FACTS, hostFacts } from '../../../src/core/settings/host-facts';
import { cannBaseTag } from '../../../src/core/versions/target-version';
import { analyzeText } from './analyze-text';

export const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];

/** The same shape with other letters: `__proto__` → `__qqqqq__`. */
const control = (name: string): string => name.replace(/[A-Za-z]/g, 'q');

const FILES: Array<[string, (k: string) => string]> = [
  ['serve.vllm.yaml', (k) => `model: m\n${k}: 1\n`],
  ['serve.vllm.yaml', (k) => `model: ${k}\ntensor-parallel-size: 2\nquantization: ${k}\ndtype: ${k}\n`],
  ['serve.vllm.yaml', (k) => `model: m\nadditional-config:\n  ${k}: 1\n  ascend_scheduler_config:\n    ${k}: 1\n`],
  ['serve.vllm.yaml', (k) => `model: m\nhf-overrides:\n  ${k}: 1\ncompilation-config:\n  ${k}: 1\n`],
  ['ascend-deploy.yaml', (k) => `version: 1\nname: n\ntarget:\n  host: h\n  chip: ${k}\n  vllmAscend: ${k}\nmodel:\n  source: ${k}\n  id: ${k}\nimage:\n  tag: quay.io/ascend/vllm-ascend:${k}\nserve:\n  ${k}: 1\n  model: ${k}\n  quantization: ${k}\n`],
  ['ascend-deploy.yaml', (k) => `version: 1\nname: n\n${k}: 1\ntarget:\n  ${k}: 1\nmodel:\n  ${k}: 1\nimage:\n  ${k}: 1\nserve:\n  model: m\nruntime:\n  ${k}: 1\n  env:\n    ${k}: x\n`],
  ['x.vllm.json', (k) => `{"model": "m", "${k}": 1}`],
  ['Dockerfile', (k) => `FROM quay.io/ascend/vllm-ascend:${k} AS ${k}\nFROM ${k}\nFROM ubuntu AS ${k}\nARG ${k}=1\nRUN pip install ${k}==1.0 vllm-ascend==${k} && npu-smi ${k}\nENV ${k}=1\n`],
  ['run.sh', (k) => `pip install ${k}==2.0 torch==${k}\nnpu-smi info -t ${k}\nexport ${k}=1\n${k} --model x\nvllm serve m --${k} 1\n`],
  ['x.py', (k) => `from vllm import LLM, SamplingParams\nLLM(model="${k}", ${k}=1)\nSamplingParams(${k}=1)\nAutoModel.from_pretrained("${k}")\n`],
];

/** Findings with the name replaced by K; Docker lowercases stage names, so both spellings are replaced. */
function shape(findings: Array<{ code: string; severity: string; range: object; message: string; fixes?: unknown[] }> | null, name: string): string {
  const norm = (s: string): string => s.split(name).join('K').split(name.toLowerCase()).join('K').split(name.replace(/_/g, '-')).join('K');
  return JSON.stringify((findings ?? []).map((f) => [f.code, f.severity, f.range, norm(f.message), f.fixes?.length ?? 0]));
}

test('analysis: a prototype name as a key or value finds what any unknown name finds', () => {
  for (const [file, make] of FILES) {
    for (const name of PROTOTYPE_NAMES) {
      for (const targetVersion of [undefined, 'v0.23.0', name]) {
        const got = shape(analyzeText(file, make(name), { targetVersion }), name);
        const want = shape(analyzeText(file, make(control(name)), { targetVersion: targetVersion === name ? control(name) : targetVersion }), control(name));
        assert.equal(got, want, `${file} with ${name} (target ${targetVersion})`);
      }
    }
  }
});

test('editor features: hover, completion and symbols treat a prototype name as any unknown key', () => {
  for (const [file, make] of FILES.filter(([f]) => /\.(ya?ml|json)$/.test(f))) {
    for (const name of PROTOTYPE_NAMES) {
      const text = make(name);
      const other = make(control(name));
      const norm = (s: string | null | undefined, n: string): string => String(s).split(n).join('K');
      text.split('\n').forEach((line, l) => {
        for (const column of [0, 2, line.length]) {
          const at = { fileName: file, line: l, column };
          assert.equal(norm(configHover({ ...at, text }), name), norm(configHover({ ...at, text: other }), control(name)), `hover ${file}:${l}:${column} ${name}`);
          assert.equal(
            configCompletions({ ...at, text }).map((c) => norm(c.label, name)).join(),
            configCompletions({ ...at, text: other }).map((c) => norm(c.label, control(name))).join(),
            `completion ${file}:${l}:${column} ${name}`,
          );
        }
      });
      assert.equal(configSymbols({ fileName: file, text }).length, configSymbols({ fileName: file, text: other }).length);
    }
  }
});

test('a descriptor keeps serve keys and env names called __proto__ as keys (the deploy gate then sees them)', () => {
  const text = 'version: 1\nname: n\ntarget:\n  host: h\nmodel:\n  id: deepseek-ai/deepseek-coder-6.7b-base\nimage:\n  tag: quay.io/ascend/vllm-ascend:v0.23.0\nserve:\n  __proto__: 1\n  constructor: 2\nruntime:\n  env:\n    __proto__: x\n';
  const d = parseDescriptor(text, '/w/ascend-deploy.yaml');
  assert.deepEqual(Object.keys(d.serve).sort(), ['__proto__', 'constructor']);
  assert.equal(Object.getPrototypeOf(d.serve), Object.prototype);
  assert.deepEqual(Object.keys(d.runtime?.env ?? {}), ['__proto__']);
});

test('tables keyed by user names answer "unknown" for prototype names', () => {
  for (const name of PROTOTYPE_NAMES) {
    assert.equal(cannBaseTag(name, '910b'), undefined, name);
    assert.equal(chipFacts(name), undefined, name);
    assert.deepEqual(hostFacts({}, name), DEFAULT_HOST_FACTS, name);
  }
  assert.equal(cannBaseTag('v0.23.0', '910b'), '9.1.0-910b-ubuntu22.04-py3.12');
  assert.equal(chipFacts('910B4')?.imageSuffix, '');
});
