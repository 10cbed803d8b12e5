/**
 * The deploy descriptor `ascend-deploy.yaml`, version 1 (docs/contracts.md §1), as the remote features use it.
 * Keys are kept as the file spells them; only what planning needs is typed, and `serve` stays an open map of
 * vLLM engine args (the config rules check those).
 */

/** A vLLM engine-arg value as it can appear in a `vllm serve --config` file. */
export type ServeValue = string | number | boolean | null | ServeValue[] | { [key: string]: ServeValue };

export type ModelSource = 'modelscope' | 'huggingface' | 'upload' | 'host';

export interface DeployDescriptor {
  version: 1;
  /** [a-z0-9-]{1,40}; the container is `ascend-llm-<name>`. */
  name: string;
  target: {
    /** The head node when `hosts` is given. */
    host: string;
    /** Multi-node: SSH aliases of every node, the head first (docs/multi-node.md §2). */
    hosts?: string[];
    /** 910B1…910B4, 910B4-1, A3, 310P3, 950DT, … */
    chip?: string;
    /** A vllm-ascend git tag such as v0.23.0 or v0.10.0rc1. */
    vllmAscend?: string;
  };
  model: {
    id: string;
    source?: ModelSource;
    hostPath?: string;
    /**
     * `source: upload`: the local folder to upload, relative to the descriptor file (or absolute). After
     * loadDescriptor it is resolved against the descriptor's folder.
     */
    localPath?: string;
    /**
     * `source: upload`: the host folder uploads must stay inside (absolute, or `~/…` for the host user's home);
     * `~/models` when unset. `hostPath` must lie below it.
     */
    uploadRoot?: string;
  };
  quantization?: {
    scheme?: string;
    outputPath?: string;
    /**
     * Pass `--trust_remote_code True` to msModelSlim, which then runs the model repository's own Python on the
     * host as the SSH user (not in a container). Off unless the descriptor says true.
     */
    trustRemoteCode?: boolean;
  };
  image: {
    tag: string;
    dockerfile?: string;
    base?: string;
    /**
     * For hosts that cannot pull: a local `docker save` tarball, relative to the descriptor file (or absolute),
     * uploaded and `docker load`ed. Resolved against the descriptor's folder by loadDescriptor.
     */
    tarball?: string;
  };
  runtime: {
    npus?: number[];
    shmSize?: string;
    publish?: { address?: string; port?: number };
    env?: Record<string, string>;
    /** Multi-node data-parallel layout (docs/multi-node.md §2-3). */
    parallel?: ParallelSettings;
  };
  /**
   * vLLM engine args. When the descriptor used `serve.config`, these are the referenced file's keys merged
   * under any inline keys (inline wins), and `serveConfigPath` names the file.
   */
  serve: Record<string, ServeValue>;
  /** The resolved path of `serve.config`, when the descriptor named one. */
  serveConfigPath?: string;
}

/** vLLM's parallel layout over the nodes: dp ranks in all, dpLocal per node (one number or one per host). */
export interface ParallelSettings {
  dp: number;
  /** Unset: dp divided evenly over the hosts. */
  dpLocal?: number | number[];
  tp: number;
  /** --enable-expert-parallel */
  ep: boolean;
  pp?: number;
}
