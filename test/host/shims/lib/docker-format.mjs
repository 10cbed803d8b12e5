// Output helpers of the docker shim: Go-template subset (--format), human durations, tables.

/** Renders the subset of Go templates docker users write: {{.A.B}}, {{json .}}, {{json .A}}, `table` prefix, \t. */
export function goTemplate(tpl, obj) {
  return tpl.replace(/^table\s+/, '').replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\{\{\s*(json\s+)?\.([\w.]*)\s*\}\}/g, (_, json, path) => {
    let v = obj;
    for (const k of path.split('.').filter(Boolean)) v = v?.[k];
    if (json) return JSON.stringify(v ?? null);
    if (v === undefined || v === null) return '<no value>';
    if (typeof v === 'object') return Array.isArray(v) ? `[${v.join(' ')}]` : `map[${Object.entries(v).map(([a, b]) => `${a}:${typeof b === 'object' ? JSON.stringify(b) : b}`).join(' ')}]`;
    return String(v);
  });
}

/** Docker's HumanDuration (go-units): "Less than a second", "5 seconds", "About a minute", "3 hours"… */
export function humanDuration(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  return `${Math.floor(h / 24)} days`;
}

export function statusText(c, now = Date.now()) {
  if (c.status === 'running') return `Up ${humanDuration(now - c.startedAt)}`;
  if (c.status === 'exited') return `Exited (${c.exitCode}) ${humanDuration(now - c.finishedAt)} ago`;
  return 'Created';
}

/** Columns separated by at least 3 spaces, as docker's tabwriter prints them. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === r.length - 1 ? String(c) : String(c).padEnd(widths[i] + 3))).join('').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export function portsText(c) {
  return c.ports.map((p) => `${p.hostIp || '0.0.0.0'}:${p.hostPort}->${p.containerPort}/tcp`).join(', ');
}

export function commandText(c, noTrunc = false) {
  const full = [...(c.entrypoint ? [c.entrypoint] : []), ...c.cmd].join(' ');
  const q = noTrunc || full.length <= 20 ? full : `${full.slice(0, 19)}…`;
  return `"${q}"`;
}

export function isoTime(ms) { return new Date(ms).toISOString().replace(/\.\d+Z$/, (m) => `${m.slice(0, -1)}000000Z`); }

export function createdAtText(ms) {
  return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} +0000 UTC`;
}

/** --since: durations (10s, 5m, 1h30m), RFC 3339 times or unix seconds. */
export function parseSince(s) {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const d = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (d && s) return Date.now() - ((Number(d[1] ?? 0) * 3600) + (Number(d[2] ?? 0) * 60) + Number(d[3] ?? 0)) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? 0 : t;
}
