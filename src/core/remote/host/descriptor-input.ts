/**
 * Every descriptor value that can reach a host command line or a host file is checked against its allow-list
 * before a run starts (the plans check again where they use them). Throws InputRefusedError.
 */
import type { DeployDescriptor } from '../../descriptor/types';
import { requireValid } from '../../host-command/validate-input';

export function refuseHostile(d: DeployDescriptor): void {
  requireValid('deploymentName', d.name);
  requireValid('modelId', d.model.id);
  requireValid('imageTag', d.image.tag);
  if (d.image.base !== undefined) requireValid('imageTag', d.image.base);
  for (const p of [d.model.hostPath, d.quantization?.outputPath]) if (p !== undefined) requireValid('remotePath', p);
  const root = d.model.uploadRoot;
  if (root !== undefined) requireValid('remotePath', root === '~' ? '/' : root.startsWith('~/') ? root.slice(1) : root);
}
