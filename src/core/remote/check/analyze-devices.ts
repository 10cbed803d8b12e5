/**
 * Device nodes and their permissions: the article's "model load fails ← permissions → check /dev/davinci*"
 * row. Needed: davinci<logic id> for each NPU plus davinci_manager, devmm_svm and hisi_hdc (docs/ascend-facts.md §1).
 * The container gets them from docker as root; the SSH user needs read/write access itself for npu-smi and
 * for msModelSlim on the host.
 */
import { t } from '../../l10n/index';
import { finding, okText } from './finding';
import { parseKeyValue } from './key-value';
import type { AnalysisInput, HostFinding } from './types';

interface Node {
  mode: string;
  owner: string;
  group: string;
  path: string;
}

export function parseDeviceListing(text: string): Node[] {
  return text.split(/\r?\n/).map((l) => /^(\S{10})\s+(\S+)\s+(\S+)\s+(\/.+)$/.exec(l.trim())).filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ mode: m[1], owner: m[2], group: m[3], path: m[4] }));
}

export interface Identity {
  uid: number;
  user: string;
  groups: string[];
}

/** Parses `id`: `uid=1000(alice) gid=1000(alice) groups=1000(alice),1001(HwHiAiUser)`. */
export function parseId(text: string): Identity | undefined {
  const u = /uid=(\d+)\(([^)]*)\)/.exec(text);
  if (!u) return undefined;
  const groups = [...(/groups=(\S+)/.exec(text)?.[1] ?? '').matchAll(/\d+\(([^)]*)\)/g)].map((m) => m[1]);
  const g = /gid=\d+\(([^)]*)\)/.exec(text)?.[1];
  return { uid: Number(u[1]), user: u[2], groups: g ? [...new Set([g, ...groups])] : groups };
}

export function canReadWrite(n: Node, who: Identity): boolean {
  if (who.uid === 0) return true;
  const rw = (i: number): boolean => n.mode[i] === 'r' && n.mode[i + 1] === 'w';
  if (n.owner === who.user) return rw(1);
  if (who.groups.includes(n.group)) return rw(4);
  return rw(7);
}

export function analyzeDevices(a: AnalysisInput): HostFinding[] {
  const title = t('Device nodes');
  const dev = a.paths.devPrefix.replace(/\/+$/, '');
  const nodes = parseDeviceListing(a.out.devices?.stdout ?? '');
  const byName = new Map(nodes.map((n) => [n.path.slice(n.path.lastIndexOf('/') + 1), n]));
  const wantedLogic = a.descriptor?.runtime.npus && a.mapping
    ? a.mapping.filter((r) => a.descriptor?.runtime.npus?.includes(r.npuId) && r.logicId !== null).map((r) => `davinci${r.logicId}`)
    : [];
  const needed = [...wantedLogic, 'davinci_manager', 'devmm_svm', 'hisi_hdc'];
  const missing = needed.filter((n) => !byName.has(n));
  if (!nodes.some((n) => /\/davinci\d+$/.test(n.path))) missing.unshift('davinci<N>');
  if (missing.length > 0) {
    return [finding('device-nodes', 'fail', title, t('Missing under {0}: {1}. The driver is not loaded, or ascend.hosts devPrefix is wrong.', dev, missing.join(', ')),
      t('Load the Ascend driver (check npu-smi info), or set ascend.hosts.<alias>.devPrefix.'))];
  }
  const who = parseId(okText(a.out.id) ?? '');
  if (!who) return [finding('device-nodes', 'warn', title, t('All present; access could not be checked (id gave no answer).'))];
  const denied = nodes.filter((n) => (needed.includes(n.path.slice(n.path.lastIndexOf('/') + 1)) || /\/davinci\d+$/.test(n.path)) && !canReadWrite(n, who));
  if (denied.length > 0) {
    const group = parseKeyValue(okText(a.out.installInfo) ?? '').get('UserGroup') ?? denied[0].group;
    const quantizes = !!a.descriptor?.quantization?.scheme;
    return [finding('device-nodes', quantizes ? 'fail' : 'warn', title,
      t('{0} cannot read and write {1} ({2}): model loading on the host (msModelSlim, npu-smi) fails with a permission error. Containers get the devices from docker.', who.user, denied.map((n) => `${n.path} ${n.mode} ${n.owner}:${n.group}`).join(', '), quantizes ? t('quantization runs on the host') : t('deploy runs in docker')),
      t('Add {0} to the {1} group (sudo usermod -aG {1} {0}) and log in again, or fix the node permissions.', who.user, group))];
  }
  return [finding('device-nodes', 'pass', title, t('{0} present, readable and writable by {1}', needed.join(', '), who.user))];
}
