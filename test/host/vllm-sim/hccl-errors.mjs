// The failure texts of a multi-node vLLM launch (docs/multi-node.md §2 and §5). The HCCL lines and the EI0006 text
// are the real ones quoted in test/fixtures/upstream/multi-node/hccl-errors.txt; the vLLM lines are vLLM's own
// messages. Real HCCL writes its [ERROR] lines to the plog files (stdout only with ASCEND_SLOG_PRINT_TO_STDOUT=1);
// the simulation prints them in the container log as well, so a log tail shows them.
import { stamp } from './http.mjs';

/** HCCL's timestamp form: 2025-07-23-03:49:57.177.194 */
function hcclTime(d = new Date()) {
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}.${p(Math.floor(Math.random() * 1000), 3)}`;
}

export const EI0006 = 'Get_Socket_Timeout(EI0006): Getting socket times out. Reason: 1. The remote does not initiate a connect request. some NPUs in the cluster are abnormal.    2. The remote does not initiate a connect request because the collective communication operator is started too late or is not started by some NPU in the cluster.    3. The communication link is disconnected. (For example, the IP addresses are not on the same network segment or the TLS configurations are inconsistent.)';
export const EI0006_SOLUTION = "        Solution: 1. Check the rank service processes with other errors or no errors in the cluster.2. If this error is reported for all NPUs, check whether the time difference between the earliest and latest errors is greater than the connect timeout interval (120s by default). If so, adjust the timeout interval by using the HCCL_CONNECT_TIMEOUT environment variable.3. Check the connectivity of the communication link between nodes. (For example, run the 'hccn_tool -i $devid -tls -g' command to check the TLS status of each NPU).";

/**
 * One engine's HCCL link-setup timeout: the plog lines (role 0 = server, 1 = client; `rank` is the HCCL world rank,
 * `timeout` the HCCL_CONNECT_TIMEOUT in seconds; both real captures say "local role is client" whatever the role),
 * then vLLM's engine failure with the EI0006 error. "RuntimeError: "
 * in front of the EI0006 text and the Traceback line are ours (how torch_npu wraps it is not in the references).
 */
export function hcclTimeoutLines({ role, rank, timeout, pid = process.pid, tid = process.pid + 3 + rank }) {
  const h = (src, text) => `[ERROR] HCCL(${pid},python3):${hcclTime()} [${src}] [${tid}]${text}`;
  return [
    h('hccl_socket_manager.cc:778', `[Wait][LinkEstablish]wait socket establish timeout, role[${role}] rank[${rank}] timeout[${timeout}]`),
    h('hccl_socket_manager.cc:830', '[Wait][LinksEstablishCompleted] is failed. ret[9].'),
    h('hccl_socket_manager.cc:393', '[Create][Sockets]Wait links establish completed failed, local role is client. ret[9]'),
    `ERROR ${stamp()} [core.py:1195] EngineCore failed to start.`,
    'Traceback (most recent call last):',
    `RuntimeError: [PID: ${pid}] ${hcclTime()} ${EI0006}`,
    EI0006_SOLUTION,
  ];
}

/** The head's API server when one of its engine processes died (vllm/v1/engine/utils.py). */
export function engineInitFailed(dpRanks) {
  // Without data parallel the engine process is named EngineCore, with it EngineCore_DP<rank> (vllm/v1/engine/utils.py:168).
  const procs = dpRanks ? dpRanks.map((r) => `'EngineCore_DP${r}': 1`) : ["'EngineCore': 1"];
  return `RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {${procs.join(', ')}}`;
}

/** A headless engine whose head never answered its HELLO (vllm/v1/engine/core.py HANDSHAKE_TIMEOUT_MINS = 5). */
export function handshakeTimeoutLines() {
  return [
    `ERROR ${stamp()} [core.py:1195] EngineCore failed to start.`,
    'Traceback (most recent call last):',
    'RuntimeError: Did not receive response from front-end process within 5 minutes',
  ];
}
