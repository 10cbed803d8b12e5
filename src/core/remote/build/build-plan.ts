/**
 * `ascend.buildImage`: get `image.tag` onto the host.
 * - `image.dockerfile`: `docker build -t <tag> -f <dockerfile> <context>` on the synced context (the sync is the
 *   transport's job);
 * - `image.base` alone: `docker pull` through `ascend.images.mirror` (quay.io rewritten), then `docker tag` to
 *   `image.tag` when the names differ;
 * - `image.tarball`, for hosts that cannot pull: `docker load -i <tarball>` of an uploaded `docker save` archive
 *   (docs/ascend-facts.md §7, faqs Q19); docker prints `Loaded image: <tag>` for each tag of the archive's manifest.
 * `docker image inspect` tells whether the image is already there (then nothing runs).
 */
import { t } from '../../l10n/index';
import type { DeployDescriptor } from '../../descriptor/types';
import { requireValid } from '../../host-command/validate-input';
import { mirrorImage } from '../host/mirrors';
import { PlanError } from '../../host-command/plan-error';

export type ImagePlan =
  | { kind: 'build'; tag: string; steps: string[][] }
  | { kind: 'pull'; tag: string; pulled: string; steps: string[][] }
  | { kind: 'load'; tag: string; steps: string[][] };

/** Exits 0 when the image exists on the host. */
export function imageExistsArgv(tag: string): string[] {
  return ['docker', 'image', 'inspect', '--format', '{{.Id}}', requireValid('imageTag', tag)];
}

export function planBuild(d: DeployDescriptor, opts: { contextDir: string; dockerfilePath: string }): ImagePlan {
  const tag = requireValid('imageTag', d.image.tag);
  const ctx = requireValid('remotePath', opts.contextDir);
  const file = requireValid('remotePath', opts.dockerfilePath);
  return { kind: 'build', tag, steps: [['docker', 'build', '-t', tag, '-f', file, ctx]] };
}

export function planPull(d: DeployDescriptor, imagesMirror?: string): ImagePlan {
  const tag = requireValid('imageTag', d.image.tag);
  if (!d.image.base) throw new PlanError('missing-image-source', t('image.base is not set: there is nothing to pull.'));
  const base = requireValid('imageTag', d.image.base);
  const pulled = requireValid('imageTag', mirrorImage(base, imagesMirror));
  const steps = [['docker', 'pull', pulled]];
  if (pulled !== tag) steps.push(['docker', 'tag', pulled, tag]);
  return { kind: 'pull', tag, pulled, steps };
}

export function planLoad(d: DeployDescriptor, tarballPath: string): ImagePlan {
  const tag = requireValid('imageTag', d.image.tag);
  return { kind: 'load', tag, steps: [['docker', 'load', '-i', requireValid('remotePath', tarballPath)]] };
}

/**
 * Which of the three applies: a Dockerfile builds; else a tarball is uploaded and loaded (hosts that cannot
 * pull; it wins over `base`, which may then just document where the image came from); else a base pulls.
 */
export function imageSourceOf(d: DeployDescriptor): 'build' | 'load' | 'pull' {
  if (d.image.dockerfile) return 'build';
  if (d.image.tarball) return 'load';
  if (d.image.base) return 'pull';
  throw new PlanError('missing-image-source', t('The descriptor names none of image.dockerfile, image.tarball and image.base, so the image cannot be built, loaded or pulled.'));
}

/** Where an uploaded image tarball lives on the host: a fixed name in a per-deployment folder. */
export function tarballRemoteDir(home: string, name: string): string {
  return requireValid('remotePath', `${home}/.ascend-llm/images/${requireValid('deploymentName', name)}`);
}

export const TARBALL_REMOTE_NAME = 'image.tar';

/** The tags `docker load` reports (`Loaded image: <tag>`), in order. */
export function loadedTags(output: string): string[] {
  return [...output.matchAll(/^Loaded image: (\S+)\s*$/gm)].map((m) => m[1]);
}
