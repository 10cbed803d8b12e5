// .dockerignore matching time for the review's ReDoS line `**a**a…**ab`.
// Run: node --import tsx test/bench/remote/dockerignore.bench.ts
//
// For N repetitions of `**a`, the time to decide one 41-character path (`a`×40 + `c`, which never matches) with
// the linear automaton of src/core/remote/upload/dockerignore.ts, and, as the peer, with the backtracking regular
// expression the old matcher built from the same line (`(?:.*/)?` per `**/`, `.*` per `**`), timed only up to
// N = 5: it grows about tenfold per repetition (the review measured 27 s at N = 8 with it).
import { compilePatterns, isIgnored } from '../../../src/core/remote/upload/dockerignore';

const path = `${'a'.repeat(40)}c`;

function oldRegExp(reps: number): RegExp {
  return new RegExp(`^${'.*a'.repeat(reps)}b(?:/.*)?$`);
}

function time(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

console.log('| repetitions of **a | linear automaton | old backtracking RegExp |\n|---|---|---|');
for (const reps of [2, 3, 4, 5, 8, 16, 64]) {
  const rules = compilePatterns([`${'**a'.repeat(reps)}b`]);
  const ours = Math.min(...[0, 1, 2].map(() => time(() => isIgnored(path, rules))));
  const peer = reps <= 5 ? time(() => oldRegExp(reps).test(path)).toFixed(1) : 'not run';
  console.log(`| ${reps} | ${ours.toFixed(3)} ms | ${peer}${peer === 'not run' ? '' : ' ms'} |`);
}
