#!/bin/bash
# `lscpu` of a Kunpeng 920 5250 host (Atlas 800I A2): 4 sockets x 48 cores, 1 thread/core, 8 NUMA nodes,
# L3 192 MiB in 8 instances, max 2600 MHz, flags incl. asimd fphp asimdhp asimddp atomics (docs/ascend-facts.md §6).
# L1/L2 sizes, BogoMIPS and the min frequency are not in the references: assumed values.
cat <<'OUT'
Architecture:                       aarch64
CPU op-mode(s):                     64-bit
Byte Order:                         Little Endian
CPU(s):                             192
On-line CPU(s) list:                0-191
Vendor ID:                          HiSilicon
BIOS Vendor ID:                     HiSilicon
Model name:                         HUAWEI Kunpeng 920 5250
BIOS Model name:                    HUAWEI Kunpeng 920 5250
Model:                              0
Thread(s) per core:                 1
Core(s) per socket:                 48
Socket(s):                          4
Stepping:                           0x1
BogoMIPS:                           200.00
CPU max MHz:                        2600.0000
CPU min MHz:                        200.0000
Flags:                              fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma dcpop asimddp asimdfhm ssbs
L1d cache:                          12 MiB (192 instances)
L1i cache:                          12 MiB (192 instances)
L2 cache:                           96 MiB (192 instances)
L3 cache:                           192 MiB (8 instances)
NUMA node(s):                       8
NUMA node0 CPU(s):                  0-23
NUMA node1 CPU(s):                  24-47
NUMA node2 CPU(s):                  48-71
NUMA node3 CPU(s):                  72-95
NUMA node4 CPU(s):                  96-119
NUMA node5 CPU(s):                  120-143
NUMA node6 CPU(s):                  144-167
NUMA node7 CPU(s):                  168-191
OUT
