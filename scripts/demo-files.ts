/** The demo workspace `npm start` opens: a deploy descriptor, a vLLM config with the article's mistakes, a
 * Dockerfile and a Python file to complete in. */
export function demoFiles(): Record<string, string> {
  return {
    'ascend-deploy.yaml': `version: 1
name: coder
target:
  host: kunpeng-01
  chip: 910B4
  vllmAscend: v0.23.0
model:
  id: deepseek-ai/deepseek-coder-6.7b-base
  source: modelscope
  hostPath: /data/models/deepseek-coder-6.7b-base
image:
  tag: ascend-llm/coder:v0.23.0
  base: quay.io/ascend/vllm-ascend:v0.23.0
runtime:
  npus: [0, 1]
  shmSize: 1g
  publish: { address: 127.0.0.1, port: 8000 }
serve:
  config: ./serve.vllm.yaml
`,
    'serve.vllm.yaml': `# vLLM serve config, as the article had it (it has mistakes: open the Problems panel)
model: deepseek-ai/DeepSeek-6B
device: npu
tensor-parallel-size: 3
max-batch-size: 256
max-model-len: 16384
gpu-memory-utilization: 0.9
enforce-eager: false
`,
    Dockerfile: `FROM ascend-cann-toolkit:6.3.0
RUN dnf install -y python3.9
RUN pip install torch==1.13.1+npu -f https://download.pytorch.org/whl/torch_stable.html
ENV USE_ARM_NEON=1
CMD ["python", "-m", "vllm.entrypoints.api_server", "--model", "/models/deepseek"]
`,
    'app/fib.py': `def fibonacci(n: int) -> int:
    """Return the n-th Fibonacci number."""
    if n < 2:
        return n
`,
  };
}
