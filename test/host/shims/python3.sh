#!/bin/bash
# python3 of the simulated host: msModelSlim's V0 example scripts (example/<Family>/quant_*.py) run the
# simulated msModelSlim; everything else goes to the machine's own python3.
case "$1" in
  *example/*/quant_*.py|quant_*.py) exec "$SIMHOST_NODE" "$SIMHOST_SHIMS/msmodelslim.mjs" --v0-script "$@" ;;
esac
exec /usr/bin/python3 "$@"
