/** Upstream pages the Dockerfile, script and Python rules point to (Finding.docUrl). */
export const DOCS = {
  installation: 'https://docs.vllm.ai/projects/ascend/en/latest/installation.html',
  quickStart: 'https://docs.vllm.ai/projects/ascend/en/latest/quick_start.html',
  faqs: 'https://docs.vllm.ai/projects/ascend/en/latest/faqs.html',
  versioning: 'https://docs.vllm.ai/projects/ascend/en/latest/community/versioning_policy.html',
  msmodelslim: 'https://gitcode.com/Ascend/msmodelslim',
  engineArgs: 'https://docs.vllm.ai/en/latest/configuration/engine_args.html',
  samplingParams: 'https://docs.vllm.ai/en/latest/api/vllm/sampling_params.html',
  openaiServer: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
  deepseekModels: 'https://huggingface.co/deepseek-ai',
  dockerfileReference: 'https://docs.docker.com/reference/dockerfile/',
} as const;
