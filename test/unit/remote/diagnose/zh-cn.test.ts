/** The diagnosis and check texts come out in Simplified Chinese once the zh-cn bundle is loaded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBundle } from '../../../../src/core/l10n/index';
import { diagnoseLog } from '../../../../src/core/remote/diagnose/index';
import { PlanError } from '../../../../src/core/host-command/plan-error';
import { planQuantize } from '../../../../src/core/remote/quantize/quantize-plan';
import { parseDescriptor } from '../../../../src/core/descriptor/index';

useBundle(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'l10n', 'zh-cn', 'remote-plan.json'), 'utf8')) as Record<string, string>);

test('a §7 match is explained in Chinese', () => {
  const [m] = diagnoseLog('dcmi module initialize failed. ret is -8005');
  assert.equal(m.cause, '设备被另一个容器占用，或缺少设备节点或挂载。');
});

test('the W4A16 refusal is in Chinese, with the model id filled in', () => {
  const d = parseDescriptor('version: 1\nname: c\ntarget: {host: h}\nmodel: {id: deepseek-ai/deepseek-coder-6.7b-base, hostPath: /m}\nquantization: {scheme: w4a16, outputPath: /q}\nimage: {tag: x:1}\n');
  assert.throws(() => planQuantize({ descriptor: d }), (e: unknown) => e instanceof PlanError && e.message.startsWith('拒绝对 deepseek-ai/deepseek-coder-6.7b-base 使用 W4A16'));
});

test('the multi-node entries are explained in Chinese', () => {
  useBundle(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'l10n', 'zh-cn', 'multi-node-deploy.json'), 'utf8')) as Record<string, string>);
  const [m] = diagnoseLog('RuntimeError: Did not receive response from front-end process within 5 minutes');
  assert.match(m.cause, /headless 节点始终未收到主节点的响应/);
  const [e] = diagnoseLog('Get_Socket_Timeout(EI0006): Getting socket times out.');
  assert.match(e.fix, /TLS 开关一致/);
});
