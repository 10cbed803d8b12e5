#!/bin/bash
# `uname` of the simulated Kunpeng host: the real machine's answers with the machine type made aarch64.
out=$(/usr/bin/uname "$@"); rc=$?
out=${out//x86_64/aarch64}
[ -n "$out" ] && printf '%s\n' "$out"
exit $rc
