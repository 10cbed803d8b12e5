// hccn_tool on a single simulated host (no cluster, no root needed): A3's vNIC and HCCS ping, A2 without them,
// an NPU without an address, and the state `control.setNpuNet` sets (docs/multi-node.md §4).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startSimHost, type SimHost } from './index.js';
import { sshRun } from './ssh-run.js';

const sh = (h: SimHost, cmd: string): Promise<string> => sshRun(h, cmd).then((r) => r.stdout + r.stderr);

describe('hccn_tool on one host', () => {
  let a3: SimHost;
  let a2: SimHost;
  before(async () => { [a3, a2] = await Promise.all([startSimHost({ profile: 'a3' }), startSimHost({ profile: '910b4', alias: 'kunpeng-02' })]); });
  after(async () => { await Promise.all([a3?.stop(), a2?.stop()]); });

  test('A3: 16 devices, each with a RoCE and a vNIC address; -hccs_ping reaches a vNIC of the same host', async () => {
    const vnic = /^ipaddr:(\S+)\nnetmask:\S+\n$/.exec(await sh(a3, 'hccn_tool -i 15 -vnic -g'))?.[1];
    assert.ok(vnic);
    assert.match(await sh(a3, `for i in $(seq 0 15); do hccn_tool -i $i -ip -g | grep ipaddr; done | wc -l`), /^16\n$/);
    assert.match(await sh(a3, `hccn_tool -i 0 -hccs_ping -g address ${vnic}`), /3 packets transmitted, 3 received, 0\.00% packet loss\n$/);
    assert.notEqual((await sshRun(a3, 'hccn_tool -i 16 -link -g')).code, 0);
  });

  test('A2: no -hccs_ping; an NPU set without an address prints nothing for -ip', async () => {
    assert.notEqual((await sshRun(a2, 'hccn_tool -i 0 -hccs_ping -g address 192.168.100.12')).code, 0);
    assert.match(await sh(a2, 'hccn_tool -i 0 -ping -g address 192.168.100.12'), /^device 0 PING 192\.168\.100\.12\n(recv seq=\d,time=[\d.]+ms\n){3}3 packets transmitted, 3 received/);
    a2.control.setNpuNet(1, { ip: null });
    a2.control.setNpuNet('all', { netHealth: 'Init' });
    try {
      assert.equal(await sh(a2, 'hccn_tool -i 1 -ip -g'), '');
      assert.equal(await sh(a2, 'hccn_tool -i 6 -net_health -g'), 'net health status: Init\n');
      // A ping to an address no NPU has gets no answer.
      assert.match(await sh(a2, 'hccn_tool -i 0 -ping -g address 192.168.100.12'), /3 packets transmitted, 0 received, 100\.00% packet loss/);
    } finally { a2.control.resetNpuNet(); }
    assert.match(await sh(a2, `cat ${a2.etcPrefix}/hccn.conf`), /^address_0=192\.168\.100\.11\nnetmask_0=255\.255\.0\.0\n/);
  });
});
