import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE, diagnoseLog, distinctCauses } from '../../../../src/core/remote/diagnose/index';

/** A container start that fails as docs/ascend-facts.md §4/§7 describe (npu-smi without device access, then vLLM). */
const DCMI_LOG = [
  'INFO 11-28 04:00:01 [__init__.py:43] Available plugins for group vllm.platform_plugins:',
  'DrvMngGetConsoleLogLevel failed. (g_conLogLevel=3)',
  'dcmi module initialize failed. ret is -8005',
  'RuntimeError: Failed to infer device type',
].join('\n');

test('dcmi -8005 names the held device or missing mounts, with its line number', () => {
  const m = diagnoseLog(DCMI_LOG);
  assert.deepEqual(m.map((x) => [x.id, x.line]), [['dcmi-8005', 3], ['infer-device-type', 4]]);
  assert.match(m[0].cause, /held by another container, or device nodes or mounts are missing/);
  assert.match(m[0].fix, /davinci_manager/);
});

test('each §7 entry matches its quoted error text', () => {
  const samples: Record<string, string> = {
    'torch-npu-conflict': 'ERROR: pip\'s dependency resolver ... torch-npu 2.5.1 requires torch==2.5.1, but you have torch 2.6.0 which is incompatible.',
    'nnal-missing': 'ImportError: libatb.so: cannot open shared object file: No such file or directory',
    'npu-oom': 'RuntimeError: NPU out of memory. Tried to allocate 2.00 GiB (NPU 0; 29.50 GiB total capacity)',
    'device-open-failed': '[ERROR] RUNTIME(1,python3):2026-11-28-04:00:00.000 Set visible device failed, invalid device=1, input visible devices:1',
    'hccl-timeout': 'EI0006: Getting socket times out. Reason: wait socket establish timeout, role[0] rank[1] timeout[120]',
    'hccl-link-establish': '[ERROR] HCCL(1234,python3):2026-12-08-01:00:00.000.000 [hccl_socket_manager.cc:778] [1235][Wait][LinkEstablish]wait socket establish timeout, role[1] rank[12] timeout[120]',
    'hccl-port-busy': '[HcclSocket][Listen] socket type[1], listen on ip[192.168.1.2] and specific port[16666] fail. Please check the port status and whether the port is been using by other process.',
    'engine-core-init': "RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {'EngineCore_DP0': 1}",
    'dp-handshake': 'RuntimeError: Did not receive response from front-end process within 5 minutes',
    'bf16-unsupported': 'RuntimeError: EZ1001: ... not implemented for DT_BFLOAT16',
    'tp-divisibility': 'ValueError: Total number of attention heads (28) must be divisible by tensor parallel size (8).',
    'graph-capture': 'RuntimeError: AclmdlRICaptureBegin failed, error code is 207008',
    'quant-weights': "KeyError: 'model.layers.0.self_attn.q_proj.weight'",
    'invalid-version': 'packaging.version.InvalidVersion: Invalid version: \'0.1.dev1+g1234\'',
    'soc-version': "RuntimeError: Could not determine chip type automatically via 'npu-smi'",
    'invalid-tar-header': 'failed to register layer: archive/tar: invalid tar header',
    'triton-310p': "ModuleNotFoundError: No module named 'triton'",
    'config-not-yaml': 'ValueError: Config file must be of a yaml/yml type.',
  };
  for (const [id, line] of Object.entries(samples)) {
    const m = diagnoseLog(`some text before\n${line}\n`);
    assert.ok(m.some((x) => x.id === id && x.line === 2), `${id} did not match: ${line}`);
  }
  assert.ok(CATALOGUE.every((e) => e.cause().length > 0 && e.fix().length > 0));
});

test('a clean startup log has no matches', () => {
  const clean = [
    'INFO 11-28 04:00:01 [__init__.py:235] Platform plugin ascend is activated',
    'INFO 11-28 04:00:02 [api_server.py:1839] vLLM API server version 0.23.0',
    'INFO:     Application startup complete.',
  ].join('\n');
  assert.deepEqual(diagnoseLog(clean), []);
});

test('repeats are capped per entry, colours ignored, and firstLine offsets line numbers', () => {
  const many = Array.from({ length: 20 }, () => '\u001b[31mRuntimeError: NPU out of memory. Tried to allocate 1.00 GiB\u001b[0m').join('\n');
  const m = diagnoseLog(many, { maxPerEntry: 3, firstLine: 101 });
  assert.deepEqual(m.map((x) => x.line), [101, 102, 103]);
  assert.ok(!m[0].text.includes('\u001b'));
  assert.equal(distinctCauses(m).length, 1);
});

test('a multi-node HCCL failure names both the timeout and the link checks, head and headless alike', () => {
  // The simulated vLLM prints the real texts (docs/multi-node.md §5): plog line, then EI0006, then the head's error.
  const log = [
    '[ERROR] HCCL(77,python3):2026-12-08-01:00:00.000.000 [hccl_socket_manager.cc:778] [78][Wait][LinkEstablish]wait socket establish timeout, role[1] rank[2] timeout[120]',
    'Get_Socket_Timeout(EI0006): Getting socket times out. Reason: 1. The remote does not initiate a connect request.',
    "RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {'EngineCore_DP0': 1}",
  ].join('\n');
  const m = diagnoseLog(log);
  assert.deepEqual(m.map((x) => [x.id, x.line]), [['hccl-link-establish', 1], ['hccl-timeout', 2], ['engine-core-init', 3]]);
  assert.match(m[1].fix, /-tls/);
  assert.match(m[1].fix, /HCCL_CONNECT_TIMEOUT/);
  assert.match(m[0].fix, /-ping -g address/);
});
