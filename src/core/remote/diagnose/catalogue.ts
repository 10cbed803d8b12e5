/**
 * Known failure texts of vLLM / vllm-ascend deployments and their cause and fix (docs/ascend-facts.md §7; entries in
 * the order §7 gives them). Patterns match the quoted fragments only, so other wording around them still
 * matches. cause/fix are functions so they are localized when used, after the bundle is loaded.
 */
import { t } from '../../l10n/index';

export interface CatalogueEntry {
  id: string;
  pattern: RegExp;
  cause: () => string;
  fix: () => string;
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'torch-npu-conflict',
    pattern: /torch-npu \S+ requires torch==|Failed to load the backend extension: torch_npu/,
    cause: () => t('torch and torch-npu versions do not match: PyPI vLLM pulled a newer (CUDA) torch.'),
    fix: () => t('Use the versions of the vllm-ascend compatibility table: install vllm first, then vllm-ascend (it pins torch and torch-npu), or use the official image.'),
  },
  {
    id: 'nnal-missing',
    pattern: /lib(atb|hccl)\.so: cannot open shared object file/,
    cause: () => t('The NNAL / CANN libraries are not found: their environment is not sourced, or NNAL is not installed.'),
    fix: () => t('source /usr/local/Ascend/ascend-toolkit/set_env.sh and source /usr/local/Ascend/nnal/atb/set_env.sh, then test python -c "import torch, torch_npu".'),
  },
  {
    id: 'driver-lib-missing',
    // Not quoted in §7: libascend_hal.so is the driver library in driver/lib64, which the documented docker run mounts.
    pattern: /libascend_hal\.so: cannot open shared object file/,
    cause: () => t('The NPU driver libraries are not visible: driver/lib64 is not mounted into the container.'),
    fix: () => t('Mount /usr/local/Ascend/driver/lib64 and driver/version.info as the documented docker run does.'),
  },
  {
    id: 'infer-device-type',
    pattern: /RuntimeError: Failed to infer device type/,
    cause: () => t('vLLM did not find the Ascend platform: the vllm-ascend plugin failed to load (missing CANN/NNAL/driver libraries or devices).'),
    fix: () => t('Read the lines before this one for the library or device that failed; source the CANN and NNAL set_env.sh files, and pass the driver mounts and devices.'),
  },
  {
    id: 'npu-oom',
    pattern: /NPU out of memory\. Tried to allocate|No available memory for the cache blocks|Available KV cache memory: -/,
    cause: () => t('Out of NPU memory: the weights and the KV cache do not fit in what the server may use.'),
    fix: () => t('Lower --max-model-len, tune --gpu-memory-utilization, raise tensor-parallel-size, set PYTORCH_NPU_ALLOC_CONF=expandable_segments:True, or quantize.'),
  },
  {
    id: 'dcmi-8005',
    pattern: /dcmi module initialize failed\. ret is -8005/,
    cause: () => t('The device is held by another container, or device nodes or mounts are missing.'),
    fix: () => t('Stop the other container on these NPUs; pass /dev/davinciN, davinci_manager, devmm_svm and hisi_hdc and the driver mounts (the reporter of this error fixed it with --privileged).'),
  },
  {
    id: 'device-open-failed',
    pattern: /open device \d+ failed, runtime result = 107001|Set visible device failed, invalid device=|SetDevice.*error code is 507033|halGetDeviceInfo.*ret:\s*(87|4)\b/,
    cause: () => t('ASCEND_RT_VISIBLE_DEVICES names devices not passed with --device, or the NPU is busy (two services on one chip).'),
    fix: () => t('Align --device /dev/davinciN with the visible ids (inside the container they restart at 0), and run one service per chip.'),
  },
  {
    id: 'hccl-timeout',
    // docs/multi-node.md §5: the EI0006 text lists these reasons and names HCCL_CONNECT_TIMEOUT and hccn_tool -tls.
    pattern: /EI0006|Getting socket times out/,
    cause: () => t('HCCL could not connect the ranks in time: a rank (often on another node) did not start or started too late, an NPU link is down, or the nodes\' NPU IPs are on different subnets or their TLS settings differ.'),
    fix: () => t('Run Check Host with the multi-node descriptor (hccn_tool -link, -net_health, -tls and -ping on every NPU of every node); bring the links up, make the TLS switch equal on all nodes, start every node, and raise HCCL_CONNECT_TIMEOUT (120 s by default) if some start slowly.'),
  },
  {
    id: 'hccl-link-establish',
    // The HCCL plog line (docs/multi-node.md §5): timeout[T] is the configured HCCL_CONNECT_TIMEOUT.
    pattern: /wait socket establish timeout|\[Wait\]\[LinksEstablishCompleted\] is failed/,
    cause: () => t('This rank waited HCCL_CONNECT_TIMEOUT seconds for its peer ranks\' sockets and none came: the peers are not running, or their NPUs cannot reach this one (link down, other subnet, TLS mismatch).'),
    fix: () => t('Look at the other nodes\' logs for the first failure; check each NPU with hccn_tool -i N -link -g, -net_health -g and -ping -g address <peer NPU IP> (A3: -hccs_ping), and the TLS switch with -tls -g on every node.'),
  },
  {
    id: 'hccl-port-busy',
    pattern: /\[HcclSocket\]\[Listen\].*listen on ip\[.*fail/,
    cause: () => t('HCCL cannot listen on its port: another process (often an earlier container that still runs) holds it.'),
    fix: () => t('Stop the old container or process on this node (docker ps; ss -ltnp), then deploy again.'),
  },
  {
    id: 'engine-core-init',
    // vLLM's head (docs/multi-node.md §2): one of its engine processes died while starting.
    pattern: /Engine core initialization failed/,
    cause: () => t('An engine process died while starting; the real cause is logged above it (on a multi-node deploy often an HCCL timeout, or out of memory).'),
    fix: () => t('Read the lines above this one, and the logs of the other nodes, for the first error and its fix.'),
  },
  {
    id: 'dp-handshake',
    // A headless node never answered by the head (docs/multi-node.md §2): vLLM's 5-minute ZMQ handshake, not HCCL.
    pattern: /Did not receive response from front-end process within 5 minutes/,
    cause: () => t('This headless node never heard from the head node: the head is not running, or --data-parallel-address / --data-parallel-rpc-port do not reach it (wrong address, firewall, network down).'),
    fix: () => t('Start the head first and keep it running; check from this node that the head\'s address answers and its rpc port is open, and that every node uses the same rpc port and head address.'),
  },
  {
    id: 'bf16-unsupported',
    pattern: /EZ1001.*DT_BFLOAT16|not implemented for DT_BFLOAT16/,
    cause: () => t('This chip (310P or 910A) has no bfloat16.'),
    fix: () => t('Serve with --dtype float16.'),
  },
  {
    id: 'tp-divisibility',
    pattern: /Total number of attention heads \(\d+\) must be divisible by tensor parallel size \(\d+\)|MLA only support \{32, 64, 128\}/,
    cause: () => t('tensor-parallel-size does not divide the attention heads (or MLA graph mode needs 32, 64 or 128 heads per rank).'),
    fix: () => t('Choose a tensor-parallel-size that divides num_attention_heads, or disable graph mode for MLA models.'),
  },
  {
    id: 'graph-capture',
    pattern: /AclmdlRICaptureBegin.*207008|Stream resources are insufficient/,
    cause: () => t('Graph capture ran out of stream resources.'),
    fix: () => t('Use smaller cudagraph_capture_sizes or FULL_DECODE_ONLY, a newer HDK/CANN, or --enforce-eager.'),
  },
  {
    id: 'quant-weights',
    pattern: /KeyError:?\s*['"][\w.]+\.weight['"]|Could not locate the configuration_deepseek\.py/,
    cause: () => t('The quantized weights do not load: --quantization ascend is missing, or they come from an incompatible msModelSlim version.'),
    fix: () => t('Serve with --quantization ascend, or quantize again with the msModelSlim branch vllm-ascend recommends.'),
  },
  {
    id: 'invalid-version',
    pattern: /InvalidVersion/,
    cause: () => t('A development build of vLLM reports a version vllm-ascend cannot parse.'),
    fix: () => t('export VLLM_VERSION=X.Y.Z (the vLLM release it is built from).'),
  },
  {
    id: 'soc-version',
    pattern: /Could not determine chip type automatically via 'npu-smi'/,
    cause: () => t('Building vllm-ascend on a machine without NPUs: the chip type cannot be read from npu-smi.'),
    fix: () => t('Set SOC_VERSION (e.g. ascend910b1, ascend310p1) for the build.'),
  },
  {
    id: 'invalid-tar-header',
    pattern: /archive\/tar: invalid tar header/,
    cause: () => t('docker pull fails on this system (seen on Kylin).'),
    fix: () => t('Pull and save the image on another host, then docker load it here.'),
  },
  {
    id: 'triton-310p',
    pattern: /(ImportError|ModuleNotFoundError).*triton/,
    cause: () => t('triton is imported on a 310P, which has no triton support.'),
    fix: () => t('pip uninstall -y triton triton-ascend'),
  },
  {
    id: 'config-not-yaml',
    pattern: /Config file must be of a yaml\/yml type/,
    cause: () => t('vllm serve --config was given a file that is not .yaml or .yml.'),
    fix: () => t('Write the config as YAML with a .yaml or .yml name.'),
  },
];
