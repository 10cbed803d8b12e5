/** Test-only: the hostile values the remote features must refuse, plus a few more shell metacharacters. */
export const HOSTILE_VALUES = [
  "x'; touch /tmp/pwned; '",
  '$(id)',
  '`id`',
  'a\nb',
  '--help',
  '-rf',
  '"; touch /tmp/pwned; "',
  'a && touch /tmp/pwned',
  'a | touch /tmp/pwned',
  "it's",
  '\\',
  '${HOME}',
  '*',
  '',
  ' leading and trailing ',
];
