// The cross-node analysis and the hccn_tool parsers, on the real output formats (docs/multi-node.md §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCluster, type NodeNet } from '../../../../src/core/remote/check/analyze-cluster';
import { npuProbeArgv, parseInterfaces, parseLink, parseNetHealth, parseNpuIp, parsePing, parseSshAddress, parseTls, pingArgv } from '../../../../src/core/remote/check/cluster-probes';

const paths = { ascendPrefix: '/usr/local/Ascend', devPrefix: '/dev' };

test('hccn_tool argv for A2 and A3, and the parsers of its output', () => {
  assert.deepEqual(npuProbeArgv(paths, 'A2', 3, 'ip'), ['/usr/local/Ascend/driver/tools/hccn_tool', '-i', '3', '-ip', '-g']);
  assert.deepEqual(npuProbeArgv(paths, 'A3', 3, 'ip'), ['/usr/local/Ascend/driver/tools/hccn_tool', '-i', '3', '-vnic', '-g']);
  assert.deepEqual(pingArgv(paths, 'A3', 1, '10.0.0.2').slice(3), ['-hccs_ping', '-g', 'address', '10.0.0.2']);
  assert.equal(parseLink('link status: DOWN\n'), 'DOWN');
  assert.equal(parseNetHealth('net health status: Socket failed\n'), 'Socket failed');
  assert.equal(parseTls('dev_id:0, tls switch[1](0:disable, 1:enable), tls preconfigured[1](0:non-preset, 1:preset), tls alarm time threshold[60]days'), 1);
  assert.equal(parseNpuIp('ipaddr:10.20.11.16\nnetmask:255.255.255.0\n'), '10.20.11.16');
  assert.equal(parseNpuIp(''), undefined);
  assert.equal(parsePing('device 0 PING 10.20.11.16\nrecv seq=0,time=0.137000ms\n3 packets transmitted, 3 received, 0.00% packet loss\n'), true);
  assert.equal(parsePing('recv time out seq=0\n3 packets transmitted, 0 received, 100.00% packet loss\n'), false);
  assert.equal(parseSshAddress('10.1.0.1 51514 10.1.0.2 22\n'), '10.1.0.2');
  assert.deepEqual([...parseInterfaces('1: lo    inet 127.0.0.1/8 scope host lo\n2: enp189s0f0    inet 10.1.0.2/24 brd 10.1.0.255 scope global enp189s0f0\n')], [['lo', ['127.0.0.1']], ['enp189s0f0', ['10.1.0.2']]]);
});

function node(alias: string, i: number, over: Partial<NodeNet> = {}): NodeNet {
  return {
    alias, address: `10.1.0.${i}`, interfaces: new Map([['eth0', [`10.1.0.${i}`]]]), busyPorts: [22], imageId: 'sha256:aa', modelDigest: 'd1',
    npus: [0, 1].map((n) => ({ npu: n, link: 'UP', netHealth: 'Success', tls: 0, ip: `192.168.${i}.${n}`, pings: { [`192.168.${3 - i}.${n}`]: true } })),
    ...over,
  };
}

test('every failure has its fix; a redeploy holding the rpc port is not one', () => {
  const a = node('a', 1, { busyPorts: [22, 13389] });
  const b = node('b', 2, { imageId: 'sha256:bb', modelDigest: undefined });
  b.npus[1].netHealth = 'Fault';
  const base = { series: 'A2' as const, rpcPort: 13389, image: 'img:1', modelPath: '/m', envInterfaces: [] as Array<[string, string]> };
  const f = analyzeCluster({ ...base, nodes: [a, b] });
  const failed = f.filter((x) => x.status === 'fail');
  assert.deepEqual(failed.map((x) => x.id).sort(), ['image-same', 'model-same', 'npu-net-health', 'rpc-port']);
  assert.ok(failed.every((x) => (x.fix ?? '').length > 10));
  assert.match(failed.find((x) => x.id === 'rpc-port')!.detail, /13389 is already in use on the head node a/);
  assert.deepEqual(analyzeCluster({ ...base, nodes: [a, node('b', 2)], rpcPortOurs: true }).filter((x) => x.status !== 'pass'), []);
});
