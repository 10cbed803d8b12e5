// Prometheus text for the simulated vLLM server's /metrics. Metric names from docs/contracts.md §7 / vLLM;
// bucket bounds follow vLLM's choices for these histograms as far as known (not in the references).
const TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const E2E_BUCKETS = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60];

function histogram(buckets) {
  return { buckets, counts: buckets.map(() => 0), sum: 0, count: 0 };
}

export function makeMetrics(modelName) {
  const m = {
    running: 0, waiting: 0, kvUsage: 0, generationTokens: 0, promptTokens: 0, aborted: 0,
    success: { stop: 0, length: 0 },
    ttft: histogram(TTFT_BUCKETS), e2e: histogram(E2E_BUCKETS),
    observe(h, v) {
      h.sum += v; h.count += 1;
      h.buckets.forEach((b, i) => { if (v <= b) h.counts[i] += 1; });
    },
    render() {
      const l = `model_name="${modelName}",engine="0"`;
      const out = [];
      const gauge = (name, help, v) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}{${l}} ${Number(v).toFixed(1)}`);
      const counter = (name, help, v, extra = '') => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name}_total{${l}${extra}} ${Number(v).toFixed(1)}`);
      const hist = (name, help, h) => {
        out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
        h.buckets.forEach((b, i) => out.push(`${name}_bucket{${l},le="${Number.isInteger(b) ? b.toFixed(1) : String(b)}"} ${h.counts[i].toFixed(1)}`));
        out.push(`${name}_bucket{${l},le="+Inf"} ${h.count.toFixed(1)}`, `${name}_count{${l}} ${h.count.toFixed(1)}`, `${name}_sum{${l}} ${h.sum}`);
      };
      gauge('vllm:num_requests_running', 'Number of requests in model execution batches.', m.running);
      gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.', m.waiting);
      gauge('vllm:kv_cache_usage_perc', 'KV-cache usage. 1 means 100 percent usage.', m.kvUsage);
      counter('vllm:prompt_tokens', 'Number of prefill tokens processed.', m.promptTokens);
      counter('vllm:generation_tokens', 'Number of generation tokens processed.', m.generationTokens);
      out.push('# HELP vllm:request_success Count of successfully processed requests.', '# TYPE vllm:request_success counter');
      for (const [k, v] of Object.entries(m.success)) out.push(`vllm:request_success_total{${l},finished_reason="${k}"} ${v.toFixed(1)}`);
      // Not a vLLM metric: lets tests observe that a client disconnect aborted generation.
      counter('vllm_sim:aborted_requests', 'Requests aborted because the client went away (simulator only).', m.aborted);
      hist('vllm:time_to_first_token_seconds', 'Histogram of time to first token in seconds.', m.ttft);
      hist('vllm:e2e_request_latency_seconds', 'Histogram of e2e request latency in seconds.', m.e2e);
      return `${out.join('\n')}\n`;
    },
  };
  return m;
}
