/**
 * The mirror settings (docs/contracts.md §4): `ascend.models.mirror` (a ModelScope or Hugging Face endpoint) and
 * `ascend.images.mirror` (a registry used instead of quay.io, e.g. `m.daocloud.io/quay.io` or
 * `quay.nju.edu.cn`, the China mirrors named in docs/ascend-facts.md §1).
 */
import { t } from '../../l10n/index';
import { PlanError } from '../../host-command/plan-error';

/** An http(s) endpoint URL, without a trailing slash. */
export function endpointUrl(mirror: string): string {
  const withScheme = /^https?:\/\//i.test(mirror) ? mirror : `https://${mirror}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new PlanError('bad-env', t('The mirror {0} is not a valid URL.', JSON.stringify(mirror)));
  }
  if (u.username || u.password || u.search || u.hash || /[\s'"`$;]/.test(mirror)) {
    throw new PlanError('bad-env', t('The mirror {0} is not a valid URL.', JSON.stringify(mirror)));
  }
  return u.href.replace(/\/+$/, '');
}

/** Rewrites a quay.io image reference to the mirror; other registries are left alone. */
export function mirrorImage(ref: string, mirror: string | undefined): string {
  const m = (mirror ?? '').trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (!m || !ref.startsWith('quay.io/')) return ref;
  return `${m}${ref.slice('quay.io'.length)}`;
}
