#!/bin/bash
# `numactl` of the simulated Kunpeng 920 host: 8 NUMA nodes of 24 CPUs (docs/ascend-facts.md §6).
# Node memory is the real machine's MemTotal split in 8. The distance matrix is not in the references:
# it is an assumed 4-socket pattern, not a measured one.
if [ "$1" = "-H" ] || [ "$1" = "--hardware" ]; then
  total_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
  free_kb=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
  echo "available: 8 nodes (0-7)"
  for n in 0 1 2 3 4 5 6 7; do
    echo "node $n cpus: $(seq -s ' ' $((n*24)) $((n*24+23)))"
    echo "node $n size: $((total_kb/8/1024)) MB"
    echo "node $n free: $((free_kb/8/1024)) MB"
  done
  echo "node distances:"
  echo "node   0   1   2   3   4   5   6   7 "
  for i in 0 1 2 3 4 5 6 7; do
    row="  $i: "
    for j in 0 1 2 3 4 5 6 7; do
      if [ $i -eq $j ]; then d=10; elif [ $((i/2)) -eq $((j/2)) ]; then d=12; elif [ $((i/4)) -eq $((j/4)) ]; then d=20; else d=22; fi
      row+=$(printf '%4d' $d)
    done
    echo "$row"
  done
  exit 0
fi
# numactl --cpunodebind=N --membind=N cmd...: run the command (no binding is simulated).
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do
  case "$1" in -N|-m|-C|-p|-i) shift 2;; *) shift;; esac
done
[ $# -eq 0 ] && { echo "usage: numactl [--cpunodebind=nodes] [--membind=nodes] command args ..." >&2; exit 1; }
exec "$@"
