/**
 * The fixed POSIX sh scripts that manage jobs on the host. They are constants: every variable part reaches them
 * as a positional argument ("$1", "$@"), quoted by shellQuote(), never spliced into the script text.
 * Each runs from "$HOME" (sshd starts sessions in the passwd home, which need not be $HOME). The jobs folder is
 * the one constant JOBS_DIR (a fixed relative path, safe inside the script text).
 */
import { JOBS_DIR } from './job-types';


/**
 * `is_alive PID`: the process exists and is not a zombie (a killed runner whose parent never reaps it, e.g. under
 * a container's init, still answers kill -0).
 */
const IS_ALIVE = `
is_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  is_alive_s=""; read -r _ _ is_alive_s _ < "/proc/$1/stat" 2>/dev/null || return 0
  [ "$is_alive_s" != Z ]
}`;

/**
 * start: $1 = job id, $2 = spec.json text, $3... = the job's argv.
 * The runner gets its own session (setsid; nohup for good measure) with stdio on files, so it survives the
 * SSH connection. It records its own pid, which is also its process group id (cancel kills the group). It
 * traps TERM (instead of ignoring it, which its children would inherit) so that after a cancel it still
 * writes exit and status. The job's own files (spec, log, status, …) are created with umask 077; the job's
 * command runs with the session's umask, so what it makes (weights, images) is as the tools make it.
 */
export const START_SCRIPT = `
set -e
cd "$HOME"
um=$(umask)
umask 077
dir="${JOBS_DIR}/$1"; spec="$2"; shift 2
if [ -e "$dir" ]; then echo "job exists: $dir" >&2; exit 17; fi
mkdir -p "$dir"
dir="$HOME/$dir"
printf '%s\\n' "$spec" > "$dir/spec.json"
: > "$dir/log"
printf 'running\\n' > "$dir/status"
setsid nohup sh -c '
  dir="$1"; um="$2"; shift 2
  trap "" HUP
  trap ":" TERM INT
  printf "%s\\n" "$$" > "$dir/pid.tmp" && mv "$dir/pid.tmp" "$dir/pid"
  set +e
  (umask "$um" && exec "$@") >> "$dir/log" 2>&1 < /dev/null
  code=$?
  printf "%s\\n" "$code" > "$dir/exit.tmp" && mv "$dir/exit.tmp" "$dir/exit"
  if [ -e "$dir/cancel" ]; then st=cancelled; elif [ "$code" -eq 0 ]; then st=succeeded; else st=failed; fi
  printf "%s\\n" "$st" > "$dir/status.tmp" && mv "$dir/status.tmp" "$dir/status"
' ascend-job "$dir" "$um" "$@" > /dev/null 2>&1 < /dev/null &
i=0
while [ ! -s "$dir/pid" ] && [ $i -lt 200 ]; do sleep 0.05 2>/dev/null || sleep 1; i=$((i + 1)); done
cat "$dir/pid"
`;

/**
 * poll: $1 = job id, $2 = byte offset + 1 (tail -c +N), $3 = max bytes.
 * First line: `<status> <exit or -> <alive 0|1> <log size>`, then the log bytes from the offset.
 */
export const POLL_SCRIPT = `${IS_ALIVE}
cd "$HOME/${JOBS_DIR}/$1" 2>/dev/null || { echo "missing - 0 0"; exit 0; }
# Liveness first, then the status: the runner writes its final status before it exits, so a dead runner read
# this way always shows its final status, and "running + dead" really means lost (no race with a finishing job).
pid=$(cat pid 2>/dev/null)
alive=0; if [ -n "$pid" ] && is_alive "$pid"; then alive=1; fi
st=$(cat status 2>/dev/null); ex=$(cat exit 2>/dev/null)
size=$(wc -c < log 2>/dev/null || echo 0)
printf '%s %s %s %s\\n' "\${st:-unknown}" "\${ex:--}" "$alive" $size
tail -c +"$2" log 2>/dev/null | head -c "$3"
`;

/** list: one line per job: `<id>\\t<status>\\t<exit or ->\\t<alive>\\t<spec.json on one line>`. */
export const LIST_SCRIPT = `${IS_ALIVE}
cd "$HOME/${JOBS_DIR}" 2>/dev/null || exit 0
for d in */; do
  d=\${d%/}; [ -d "$d" ] || continue
  pid=$(cat "$d/pid" 2>/dev/null)
  alive=0; if [ -n "$pid" ] && is_alive "$pid"; then alive=1; fi
  st=$(cat "$d/status" 2>/dev/null); ex=$(cat "$d/exit" 2>/dev/null)
  printf '%s\\t%s\\t%s\\t%s\\t%s\\n' "$d" "\${st:-unknown}" "\${ex:--}" "$alive" "$(head -c 65536 "$d/spec.json" 2>/dev/null | tr -d '\\n')"
done
`;

/**
 * cancel: $1 = job id, $2 = container name or "" .
 * Marks the job cancelled, stops its container, TERMs the whole process group, and KILLs it after 10 s.
 * If the runner is gone without writing a status, the status is written here.
 */
export const CANCEL_SCRIPT = `${IS_ALIVE}
cd "$HOME/${JOBS_DIR}/$1" 2>/dev/null || { echo "no such job" >&2; exit 3; }
: > cancel
if [ -n "$2" ]; then docker stop -- "$2" > /dev/null 2>&1 || true; fi
pid=$(cat pid 2>/dev/null)
if [ -n "$pid" ] && is_alive "$pid"; then
  kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  i=0
  while is_alive "$pid" && [ $i -lt 100 ]; do sleep 0.1 2>/dev/null || sleep 1; i=$((i + 1)); done
  kill -KILL "-$pid" 2>/dev/null || true
fi
i=0
while [ "$(cat status 2>/dev/null)" = running ] && [ $i -lt 20 ]; do sleep 0.1 2>/dev/null || sleep 1; i=$((i + 1)); done
if [ "$(cat status 2>/dev/null)" = running ]; then printf 'cancelled\\n' > status; fi
cat status
`;
