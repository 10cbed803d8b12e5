/**
 * Which files the config engine owns, and the checks that decide whether to read them at all.
 *
 * - vLLM serve config (`vllm serve --config`): `*.vllm.yaml`, `*.vllm.yml`, `vllm-config.yaml`, `vllm-config.yml`,
 *   or any `.yaml`/`.yml` whose first 5 lines hold the modeline `# ascend-llm: vllm-config`
 *   (also `# ascend-llm: vllm-serve`), or a YAML file that an `ascend-deploy.yaml` in the same folder names
 *   in `serve.config` (resolved in validateConfigFile, which can read the workspace).
 * - Deploy descriptor: `ascend-deploy.yaml` / `ascend-deploy.yml`, or the modeline `# ascend-llm: deploy`.
 * - A JSON file meant for `--config`: `*.vllm.json`, `vllm-config.json`. vLLM rejects it (only .yaml/.yml).
 */
export type ConfigKind = 'vllm-serve' | 'deploy' | 'vllm-json';

const MODELINE = /^\s*#\s*ascend-llm:\s*(vllm-config|vllm-serve|deploy)\b/;

export function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] ?? fileName;
}

export function modelineKind(text: string): ConfigKind | null {
  let start = 0;
  for (let i = 0; i < 5 && start <= text.length; i++) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl === -1 ? Math.min(text.length, start + 400) : Math.min(nl, start + 400));
    const m = MODELINE.exec(line);
    if (m) return m[1] === 'deploy' ? 'deploy' : 'vllm-serve';
    if (nl === -1) break;
    start = nl + 1;
  }
  return null;
}

export function kindByName(fileName: string): ConfigKind | null {
  const name = baseName(fileName).toLowerCase();
  if (name === 'ascend-deploy.yaml' || name === 'ascend-deploy.yml') return 'deploy';
  if (/\.vllm\.ya?ml$/.test(name) || name === 'vllm-config.yaml' || name === 'vllm-config.yml') return 'vllm-serve';
  if (/\.vllm\.json$/.test(name) || name === 'vllm-config.json') return 'vllm-json';
  return null;
}

export function isYamlName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

export function classify(fileName: string, text: string): ConfigKind | null {
  const byName = kindByName(fileName);
  if (byName) return byName;
  if (isYamlName(fileName)) return modelineKind(text);
  return null;
}
