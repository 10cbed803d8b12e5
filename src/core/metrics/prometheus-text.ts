/**
 * Prometheus text exposition format (version 0.0.4, what vLLM's `/metrics` serves through prometheus_client):
 * `# HELP` / `# TYPE` comments, then `name{label="value",…} value [timestamp]` lines. Written from the format
 * description; a malformed line throws {@link MetricsParseError} rather than being skipped silently.
 */
import { t } from '../l10n/index';

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromExposition {
  samples: PromSample[];
  /** `# TYPE` declarations: metric family name → counter | gauge | histogram | summary | untyped. */
  types: Record<string, string>;
}

export class MetricsParseError extends Error {
  override readonly name = 'MetricsParseError';
  constructor(message: string, readonly raw: string, readonly line: number) {
    super(t('{0} (line {1})', message, line));
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A sample value: decimal or exponent notation, `NaN`, `+Inf`, `-Inf`. Undefined if not one of those. */
export function promValue(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return FLOAT.test(text) ? Number(text) : undefined;
}

/** Reads `{a="x",b="y"}` starting at `s[0] === '{'`; returns the labels and the rest, or a reason. */
function readLabels(s: string): { labels: Record<string, string>; rest: string } | string {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (s[i] === ' ') i++;
    if (s[i] === '}') return { labels, rest: s.slice(i + 1) };
    const name = LABEL_NAME.exec(s.slice(i));
    if (!name) return t('bad label name');
    i += name[0].length;
    while (s[i] === ' ') i++;
    if (s[i] !== '=') return t('expected "=" after a label name');
    i++;
    while (s[i] === ' ') i++;
    if (s[i] !== '"') return t('expected a quoted label value');
    i++;
    let value = '';
    for (;;) {
      const c = s[i];
      if (c === undefined) return t('unterminated label value');
      if (c === '"') break;
      if (c === '\\') {
        const e = s[i + 1];
        if (e === 'n') value += '\n';
        else if (e === '\\' || e === '"') value += e;
        else return t('bad escape in a label value');
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    i++;
    labels[name[0]] = value;
    while (s[i] === ' ') i++;
    if (s[i] === ',') i++;
    else if (s[i] !== '}') return t('expected "," or "}" in labels');
  }
}

export function parsePrometheusText(raw: string): PromExposition {
  const out: PromExposition = { samples: [], types: {} };
  const lines = raw.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const type = /^#\s+TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (type) out.types[type[1]] = type[2];
      continue;
    }
    const name = NAME.exec(line);
    if (!name) throw new MetricsParseError(t('Not a metric line: {0}', line), raw, n + 1);
    let rest = line.slice(name[0].length).trimStart();
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const r = readLabels(rest);
      if (typeof r === 'string') throw new MetricsParseError(t('Bad labels ({0}): {1}', r, line), raw, n + 1);
      labels = r.labels;
      rest = r.rest;
    }
    // An OpenMetrics exemplar (` # {…} v`) may follow the value; it is not part of the sample.
    const fields = rest.split(' # ')[0].trim().split(/\s+/);
    const value = fields[0] === undefined || fields[0] === '' ? undefined : promValue(fields[0]);
    if (value === undefined || fields.length > 2) throw new MetricsParseError(t('Bad sample value: {0}', line), raw, n + 1);
    out.samples.push({ name: name[0], labels, value });
  }
  return out;
}
