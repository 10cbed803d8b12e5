/**
 * The multi-node part of the deploy descriptor (docs/multi-node.md §2-3): `target.hosts`, the SSH aliases of the
 * nodes (the first is the head, the others run headless engines), and `runtime.parallel`, vLLM's data-parallel
 * layout over them. Arithmetic across the two (dp × tp against the NPUs, heads dividing) is the config rules' job.
 */
import { t } from '../l10n/index';
import { isObj, type FieldReader, type Obj } from './fields';
import type { ParallelSettings } from './types';

const ALIAS = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function readHosts(r: FieldReader, target: Obj | undefined): string[] | undefined {
  const v = target?.hosts;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length < 2 || !v.every((h) => typeof h === 'string' && ALIAS.test(h))) {
    r.problems.push(t('"target.hosts" must list at least two SSH host aliases (letters, digits, ".", "_", "-"); the first is the head node.'));
    return undefined;
  }
  if (new Set(v).size !== v.length) {
    r.problems.push(t('"target.hosts" lists a host twice; every node must be a different host.'));
    return undefined;
  }
  if (v.includes('local')) {
    r.problems.push(t('"target.hosts" cannot include local: every node of a multi-node deploy is reached over SSH.'));
    return undefined;
  }
  return v as string[];
}

/** `target.host` may be left out when `target.hosts` is given; when both are, the head must be `host`. */
export function headHost(r: FieldReader, host: string | undefined, hosts: string[] | undefined): string | undefined {
  if (!hosts) return host;
  if (host !== undefined && host !== hosts[0]) {
    r.problems.push(t('"target.host" ({0}) must be the first of "target.hosts" (the head node), or be left out.', host));
  }
  return hosts[0];
}

export function readParallel(r: FieldReader, runtime: Obj | undefined): ParallelSettings | undefined {
  const v = runtime?.parallel;
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    r.problems.push(t('"{0}" must be a mapping.', 'runtime.parallel'));
    return undefined;
  }
  const path = 'runtime.parallel';
  for (const k of Object.keys(v)) {
    if (!['dp', 'dpLocal', 'tp', 'ep', 'pp'].includes(k)) r.problems.push(t('"{0}" is not a key of runtime.parallel (dp, dpLocal, tp, ep, pp).', k));
  }
  const dp = r.int(v, path, 'dp', 1, 1024);
  const tp = r.int(v, path, 'tp', 1, 128);
  const pp = r.int(v, path, 'pp', 1, 64);
  let dpLocal: number | number[] | undefined;
  if (Array.isArray(v.dpLocal)) {
    if (v.dpLocal.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 128)) dpLocal = v.dpLocal as number[];
    else r.problems.push(t('"runtime.parallel.dpLocal" must be a whole number from 1 to 128, or one such number per host.'));
  } else {
    dpLocal = r.int(v, path, 'dpLocal', 1, 128);
  }
  if (v.ep !== undefined && typeof v.ep !== 'boolean') r.problems.push(t('"runtime.parallel.ep" must be true or false (vLLM --enable-expert-parallel).'));
  if (dp === undefined) r.problems.push(t('"{0}" is required.', 'runtime.parallel.dp'));
  if (dp === undefined || (v.dpLocal !== undefined && dpLocal === undefined)) return undefined;
  return { dp, dpLocal, tp: tp ?? 1, ep: v.ep === true, pp };
}
