/**
 * Model ids the article invents, and real DeepSeek ids to offer instead. Facts: docs/ascend-facts.md §5 and "The
 * article's claims" (no `deepseek-ai/DeepSeek-6B` or `DeepSeek-13B` exists in any source).
 */
export const NONEXISTENT_MODEL_IDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['deepseek-ai/deepseek-6b', ['deepseek-ai/deepseek-coder-6.7b-base', 'deepseek-ai/deepseek-coder-6.7b-instruct']],
  ['deepseek-ai/deepseek-13b', ['deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 'deepseek-ai/deepseek-coder-6.7b-base']],
]);

export function replacementsFor(id: string): readonly string[] | undefined {
  return NONEXISTENT_MODEL_IDS.get(id.trim().toLowerCase());
}
