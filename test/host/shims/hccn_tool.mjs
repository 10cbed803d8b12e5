// hccn_tool of the simulated host: the queries the multi-node pre-flight uses (docs/multi-node.md §4), printing the
// formats of the real captures quoted in test/fixtures/upstream/multi-node/hccn-output.txt. Where the references give
// no output (-vnic beyond its `ipaddr` line, -hccs_ping, errors) the wording is ours and marked.
import { getProfile } from './lib/profiles.mjs';
import { hostInfo, stateDir } from './lib/state.mjs';
import { findNpu, hccnState } from './lib/hccn-state.mjs';

const argv = process.argv.slice(2);
const out = (s) => process.stdout.write(`${s}\n`);
const fail = (s, code = 1) => { process.stderr.write(`${s}\n`); process.exit(code); };

const dir = stateDir();
const profile = getProfile(hostInfo(dir).profile ?? '910b4');
const iAt = argv.indexOf('-i');
const id = iAt >= 0 ? Number(argv[iAt + 1]) : NaN;
const op = argv.find((a) => ['-link', '-net_health', '-tls', '-ip', '-vnic', '-ping', '-hccs_ping'].includes(a));
const get = argv.includes('-g');
// Wording ours: the usage/error texts of hccn_tool are not in the references.
if (!op || !get) fail('hccn_tool (simulated host): supported here: -i <id> {-link|-net_health|-tls|-ip|-vnic} -g, -i <id> {-ping|-hccs_ping} -g address <ip>');
const npus = hccnState(dir);
if (!Number.isInteger(id) || id < 0 || id >= npus.length) fail(`hccn_tool (simulated host): device id ${argv[iAt + 1] ?? ''} is invalid, valid: 0-${npus.length - 1}`);
const npu = npus[id];

function ping(vnic) {
  const addrAt = argv.indexOf('address');
  const address = addrAt >= 0 ? argv[addrAt + 1] : undefined;
  if (!address) fail('hccn_tool (simulated host): -ping needs "address <ip>"');
  const peer = findNpu(dir, address, vnic);
  const ok = npu.link === 'UP' && peer && peer.npu.link === 'UP';
  // Format of the A2 -ping captures (docs/multi-node.md §4); -hccs_ping prints the same here (its output is not in the references).
  out(`device ${id} PING ${address}`);
  for (let seq = 0; seq < 3; seq++) {
    if (ok) out(`recv seq=${seq},time=${(0.137 - seq * 0.04 + id * 0.003).toFixed(6)}ms`);
    else out(`recv time out seq=${seq}`);
  }
  out(`3 packets transmitted, ${ok ? 3 : 0} received, ${ok ? '0.00' : '100.00'}% packet loss`);
}

switch (op) {
  case '-link': out(`link status: ${npu.link}`); break;
  case '-net_health': out(`net health status: ${npu.netHealth}`); break;
  // Only the `switch` line of -tls is in the references (the checks pipe it through `grep switch`).
  case '-tls': out(`dev_id:${id}, tls switch[${npu.tls}](0:disable, 1:enable), tls preconfigured[1](0:non-preset, 1:preset), tls alarm time threshold[60]days`); break;
  case '-ip': if (npu.ip) { out(`ipaddr:${npu.ip}`); out(`netmask:${npu.netmask}`); } break;
  case '-vnic':
    // The references only say the output has an `ipaddr` line read after its `:`; we print the -ip form. A2 has no vNIC.
    if (profile.layout !== 'a3') fail(`hccn_tool (simulated host): -vnic is not supported on ${profile.product}`);
    if (npu.vnicIp) { out(`ipaddr:${npu.vnicIp}`); out(`netmask:${npu.netmask}`); }
    break;
  case '-ping': ping(false); break;
  case '-hccs_ping':
    if (profile.layout !== 'a3') fail(`hccn_tool (simulated host): -hccs_ping is not supported on ${profile.product}`);
    ping(true);
    break;
  default: break;
}
