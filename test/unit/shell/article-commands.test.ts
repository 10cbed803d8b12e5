import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateShellScript } from '../../../src/core/shell/validate-shell';
import type { Finding } from '../../../src/core/diagnostics';
import { applyEdits, textAt } from './apply-edits';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/docs', name), 'utf8');
const byCode = (fs: Finding[], code: string): Finding[] => fs.filter((f) => f.code === code);
const firstFix = (text: string, f: Finding): string => applyEdits(text, f.fixes?.[0]?.edits ?? []);

test('the article install script: every wrong command is flagged once, at the right text', () => {
  const text = fixture('article-install.sh');
  const fs = validateShellScript(text);
  assert.deepEqual(fs.map((f) => f.code).sort(), ['ASC510', 'ASC511', 'ASC514', 'ASC514', 'ASC515', 'ASC517'].sort());
  assert.equal(textAt(text, byCode(fs, 'ASC517')[0].range), 'python3.9');
  assert.equal(textAt(text, byCode(fs, 'ASC515')[0].range), 'USE_ARM_NEON');
  assert.deepEqual(byCode(fs, 'ASC514').map((f) => textAt(text, f.range)), ['.[cuda]', '.[npu]']);
  assert.equal(textAt(text, byCode(fs, 'ASC510')[0].range), 'npu-smi quantize');
  assert.equal(textAt(text, byCode(fs, 'ASC511')[0].range), 'npu-smi top -n 10');
  for (const f of fs) {
    assert.ok(f.docUrl?.startsWith('https://'), `${f.code} has a doc link`);
    assert.ok(f.fixes && f.fixes.length > 0, `${f.code} has a quick fix`);
  }
});

test('comments and the shebang are not commands', () => {
  const fs = validateShellScript('#!/bin/bash\n# npu-smi top -n 10 is not a thing\necho "ok" # npu-smi quantize\n');
  assert.deepEqual(fs, []);
});

test('npu-smi quantize across continuation lines becomes one msmodelslim command', () => {
  const text = fixture('article-install.sh');
  const f = byCode(validateShellScript(text), 'ASC510')[0];
  const fixed = firstFix(text, f);
  assert.match(fixed, /msmodelslim quant --model_path \.\/deepseek-6b --save_path \.\/deepseek-6b-int8 --device npu --quant_type w8a8 --trust_remote_code True\n/);
  assert.doesNotMatch(fixed, /npu-smi quantize|--precision/);
  assert.deepEqual(byCode(validateShellScript(fixed), 'ASC510'), []);
});

test('npu-smi top offers npu-smi info and info watch', () => {
  const text = 'npu-smi top -n 10 && echo done\n';
  const f = byCode(validateShellScript(text), 'ASC511')[0];
  assert.deepEqual(f.fixes?.map((x) => applyEdits(text, x.edits)), ['npu-smi info && echo done\n', 'npu-smi info watch -i 0 && echo done\n']);
});

test('torch==1.13.1+npu with torch_stable.html: the fix is the official two-step install for the target', () => {
  const text = 'pip install vllm torch==1.13.1+npu -f https://download.pytorch.org/whl/torch_stable.html\n';
  const fs = validateShellScript(text, { targetVersion: 'v0.18.0' });
  assert.deepEqual(fs.map((f) => f.code), ['ASC512', 'ASC513']);
  assert.equal(textAt(text, fs[0].range), 'torch==1.13.1+npu');
  assert.equal(firstFix(text, fs[0]),
    'pip install vllm==0.18.0 && pip install vllm-ascend==0.18.0 --extra-index-url https://mirrors.huaweicloud.com/ascend/repos/pypi/variant\n');
  assert.equal(firstFix(text, fs[1]), 'pip install vllm torch==1.13.1+npu\n');
  assert.deepEqual(validateShellScript(firstFix(text, fs[0])), []);
});

test('pip install -e .[npu] / .[cuda] are replaced by the empty-target editable build; other extras are fine', () => {
  const text = 'cd vllm && pip install -e .[npu]\n';
  const f = validateShellScript(text)[0];
  assert.equal(f.code, 'ASC514');
  assert.equal(firstFix(text, f), 'cd vllm && VLLM_TARGET_DEVICE=empty pip install -e .\n');
  assert.deepEqual(validateShellScript('pip install -e ".[dev]"\n'), []);
  assert.equal(validateShellScript("pip install -e '.[cuda]'\n")[0]?.code, 'ASC514');
});

test('export USE_ARM_NEON=1 on its own line: the fix deletes the line', () => {
  const text = 'cd vllm\nexport USE_ARM_NEON=1\npip install -e .\n';
  const f = validateShellScript(text)[0];
  assert.equal(f.code, 'ASC515');
  assert.equal(f.severity, 'warning');
  assert.equal(firstFix(text, f), 'cd vllm\npip install -e .\n');
  const inline = 'export USE_ARM_NEON=1 && make\n';
  assert.equal(firstFix(inline, validateShellScript(inline)[0]), 'make\n');
});

test('the demo api_server is replaced by the OpenAI server module', () => {
  const text = 'python -m vllm.entrypoints.api_server --model /models/x\n';
  const f = validateShellScript(text)[0];
  assert.equal(f.code, 'ASC516');
  assert.equal(firstFix(text, f), 'python -m vllm.entrypoints.openai.api_server --model /models/x\n');
  assert.deepEqual(validateShellScript('python -m vllm.entrypoints.openai.api_server --model /m\n'), []);
});

test('python3.9 depends on the target: an error for v0.23.0, fine for v0.11.0', () => {
  const text = 'dnf install -y python3.9 python3-pip\n';
  assert.equal(validateShellScript(text, { targetVersion: 'v0.23.0' })[0]?.code, 'ASC517');
  assert.deepEqual(validateShellScript(text, { targetVersion: 'v0.11.0' }), []);
  assert.deepEqual(validateShellScript('yum install -y python3.11\n'), []);
  assert.equal(validateShellScript('apt-get install -y python3.13\n', { targetVersion: 'v0.18.0' })[0]?.code, 'ASC517');
});

test('docker --platform: amd64 is an error, arm64 and build variables are fine', () => {
  const text = 'docker build --platform linux/amd64 -t x .\n';
  const f = validateShellScript(text)[0];
  assert.equal(f.code, 'ASC503');
  assert.equal(textAt(text, f.range), 'linux/amd64');
  assert.equal(firstFix(text, f), 'docker build --platform linux/arm64 -t x .\n');
  assert.deepEqual(validateShellScript('docker run --platform=linux/arm64 img\ndocker build --platform $TARGETPLATFORM .\n'), []);
});

test('CUDA wheel indexes are flagged, the Ascend index is not', () => {
  const fs = validateShellScript('pip install torch --index-url https://download.pytorch.org/whl/cu121\n');
  assert.deepEqual(fs.map((f) => f.code), ['ASC504']);
  assert.deepEqual(validateShellScript('pip install vllm-ascend==0.23.0 --extra-index-url https://mirrors.huaweicloud.com/ascend/repos/pypi/variant\n'), []);
});

test('heredoc bodies are data, not commands', () => {
  assert.deepEqual(validateShellScript("cat > notes.txt <<'EOF'\nnpu-smi top -n 10\nEOF\n"), []);
});

test('the ascend-cann-toolkit:6.3.0 image in a script is flagged, with the vllm-ascend image as the fix', () => {
  const text = 'docker pull swr.cn-south-1.myhuaweicloud.com/ascend-cann-toolkit:6.3.0\n';
  const f = validateShellScript(text)[0];
  assert.equal(f.code, 'ASC502');
  assert.equal(textAt(text, f.range), 'swr.cn-south-1.myhuaweicloud.com/ascend-cann-toolkit:6.3.0');
  assert.equal(firstFix(text, f), 'docker pull quay.io/ascend/vllm-ascend:v0.23.0\n');
  assert.deepEqual(validateShellScript('docker pull quay.io/ascend/cann:9.1.0-910b-ubuntu22.04-py3.12\n'), []);
});
