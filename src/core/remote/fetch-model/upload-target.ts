/**
 * Where `model.source: upload` may write on the host (docs/deploy-safety.md). A workspace descriptor names
 * `model.hostPath`, so without limits it could replace any file the SSH user can write (`hostPath: ~/.ssh`
 * replaced authorized_keys). The destination must lie strictly inside the models root the descriptor names
 * (`model.uploadRoot`; `~/models` when unset), after the host resolves symbolic links, and no folder of the
 * destination may be a dot-folder. The root itself may not be `/`, the home folder, or a dot-folder. Files the
 * transfer did not create are never replaced (context-sync.ts checks that against the manifest).
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { InputRefusedError, requireValid, showValue } from '../../host-command/validate-input';

export const DEFAULT_UPLOAD_ROOT = '~/models';

const trim = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** `model.uploadRoot` (or the default) with `~` as the host's $HOME. */
export function uploadRootOf(d: DeployDescriptor, home: string): string {
  const raw = d.model.uploadRoot ?? DEFAULT_UPLOAD_ROOT;
  const abs = raw === '~' ? home : raw.startsWith('~/') ? `${trim(home)}/${raw.slice(2)}` : raw;
  return trim(requireValid('remotePath', abs));
}

const refuse = (path: string, message: string): never => { throw new InputRefusedError('remotePath', path, message); };

/** Throws InputRefusedError unless `target` may receive an upload under `root` (both absolute, as written). */
export function checkUploadTarget(target: string, root: string, home: string): void {
  const tgt = trim(target);
  const segs = (p: string): string[] => p.split('/').filter(Boolean);
  const h = trim(home);
  if (root === '/' || h === root || h.startsWith(`${root}/`)) {
    refuse(root, t('The upload root {0} is the file system root or holds your home folder: name a models folder as model.uploadRoot, such as ~/models or /data/models.', showValue(root)));
  }
  if (segs(root).some((s) => s.startsWith('.'))) refuse(root, t('The upload root {0} is inside a hidden (dot) folder; name a models folder as model.uploadRoot.', showValue(root)));
  if (!tgt.startsWith(`${root}/`)) {
    refuse(tgt, t('model.hostPath {0} is not inside the upload root {1}: uploads only go below model.uploadRoot (default ~/models).', showValue(tgt), root));
  }
  if (segs(tgt.slice(root.length)).some((s) => s.startsWith('.'))) {
    refuse(tgt, t('model.hostPath {0} is or lies inside a hidden (dot) folder: uploads never go there.', showValue(tgt)));
  }
}

/** $1 = root, $2 = target, $3 = home: each resolved by the host (symbolic links followed, missing parts kept). */
export const RESOLVE_SCRIPT = 'readlink -m -- "$1" && readlink -m -- "$2" && readlink -m -- "$3"';
