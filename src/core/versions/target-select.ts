/**
 * Which vllm-ascend release a document is checked against, and why. In order: an explicit override (the CLI's
 * --target-version, the editor's setting or quick pick), the descriptor's `target.vllmAscend`, the vllm-ascend image
 * tag the descriptor or its Dockerfile names, a `vllm-ascend==` pin, the release installed on the host (Check Host),
 * else the newest final release line. docs/versions.md.
 */
import { lineFor, NEWEST_FINAL, type ReleaseLine } from './release-lines';
import { isReleaseTag } from './version-tags';

export type TargetSource = 'override' | 'descriptor' | 'image' | 'pip' | 'host' | 'default';

export interface TargetChoice {
  tag: string;
  source: TargetSource;
  /** Where it was read: the image reference, the pin, the file. */
  detail?: string;
  /** The catalogue line whose schema applies, and whether the tag is that line's own release. */
  line: ReleaseLine;
  exact: boolean;
}

export interface TargetInputs {
  override?: string;
  descriptorTarget?: string;
  /** Image references, in the order they were found (descriptor image.base / image.tag, Dockerfile FROM). */
  images?: Array<{ ref: string; where?: string }>;
  /** Text holding `vllm-ascend==X` pins (a Dockerfile, requirements), in order. */
  pins?: Array<{ text: string; where?: string }>;
  hostInstalled?: string;
}

const norm = (tag: string): string => (tag.startsWith('v') ? tag : `v${tag}`);

/** The vllm-ascend release an image reference names (`quay.io/ascend/vllm-ascend:v0.23.0-a3` → v0.23.0). */
export function tagFromImage(ref: string): string | undefined {
  const m = /(?:^|\/)vllm-ascend:(v?\d+\.\d+\.\d+(?:rc\d+)?(?:\.post\d+)?)(?:-[\w.-]+)?$/.exec(ref.trim());
  return m ? norm(m[1]) : undefined;
}

/** The first `vllm-ascend==X` pin in a text (`pip install vllm-ascend==0.23.0rc1` → v0.23.0rc1). */
export function tagFromPin(text: string): string | undefined {
  const m = /\bvllm[-_]ascend\s*==\s*v?(\d+\.\d+\.\d+(?:rc\d+)?(?:\.post\d+)?)\b/i.exec(text);
  return m ? norm(m[1]) : undefined;
}

/** The version `pip show vllm-ascend` prints (`Version: 0.23.0rc1`). */
export function tagFromPipShow(output: string): string | undefined {
  const m = /^Version:\s*v?(\d+\.\d+\.\d+(?:rc\d+)?(?:\.post\d+)?)\s*$/m.exec(output);
  return m ? norm(m[1]) : undefined;
}

function choice(tag: string, source: TargetSource, detail?: string): TargetChoice {
  const { line, exact } = lineFor(tag);
  return { tag, source, detail, line, exact };
}

export function selectTarget(input: TargetInputs): TargetChoice {
  const given = (s: string | undefined): string | undefined => (s && isReleaseTag(s.trim()) ? norm(s.trim()) : undefined);
  const o = given(input.override);
  if (o) return choice(o, 'override');
  const d = given(input.descriptorTarget);
  if (d) return choice(d, 'descriptor', 'target.vllmAscend');
  for (const img of input.images ?? []) {
    const tag = tagFromImage(img.ref);
    if (tag) return choice(tag, 'image', img.where ? `${img.where}: ${img.ref}` : img.ref);
  }
  for (const p of input.pins ?? []) {
    const tag = tagFromPin(p.text);
    if (tag) return choice(tag, 'pip', p.where ? `${p.where}: vllm-ascend==${tag.slice(1)}` : `vllm-ascend==${tag.slice(1)}`);
  }
  const h = given(input.hostInstalled);
  if (h) return choice(h, 'host', 'pip show vllm-ascend');
  return choice(NEWEST_FINAL, 'default');
}
