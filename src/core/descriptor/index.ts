/** The deploy descriptor (docs/contracts.md §1): types and loader. */
export type { DeployDescriptor, ModelSource, ServeValue } from './types';
export { DescriptorError } from './descriptor-error';
export { parseDescriptor, loadDescriptor, resolveRelative, MODEL_SOURCES, type FileReader } from './load';
export { LocalPathRefusedError, confinedPath, type LocalConfinement } from './local-paths';
