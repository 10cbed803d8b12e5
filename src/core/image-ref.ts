/** Container image references (`registry/org/name:tag@digest`), shared by the config engine and the Dockerfile rules. */

/** The official vllm-ascend organisation on quay.io and the China mirrors vllm-ascend's FAQ names. */
export const ASCEND_IMAGE_ORGS = ['quay.io/ascend/', 'm.daocloud.io/quay.io/ascend/', 'quay.nju.edu.cn/ascend/'];

/** Splits `repo:tag`, dropping a digest (a registry port is not a tag). */
export function splitImage(ref: string): { repo: string; tag?: string } {
  const at = ref.indexOf('@');
  const noDigest = at === -1 ? ref : ref.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  if (colon > noDigest.lastIndexOf('/')) return { repo: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { repo: noDigest };
}

/** Is the image from the official organisation (or a mirror of it)? */
export function isAscendImage(repo: string): boolean {
  const lower = repo.toLowerCase();
  return ASCEND_IMAGE_ORGS.some((p) => lower.startsWith(p));
}
