#!/usr/bin/env bash
# One entry point for a fresh Debian machine: installs what the project needs, then runs it.
#   bash scripts/dev.sh start   # a real VS Code (code-server) with the extension and a demo workspace
#   bash scripts/dev.sh test    # typecheck, lint, unit, integration and e2e tests: `npm test` (what CI runs)
#   bash scripts/dev.sh setup   # only the installs
# System packages come from Debian (apt-get, with sudo when not root); JavaScript packages from npm (npm ci);
# code-server and its native modules are installed into .tools/ by the e2e harness on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  chromium                                   # the browser Playwright drives (real VS Code UI, webviews)
  ripgrep                                    # code-server's search; its own postinstall download fails offline
  libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev   # headers for code-server's native modules
  openssh-server openssh-client              # a real sshd for the simulated host, ssh/ssh-keygen/ssh-agent
  iproute2                                   # network namespaces for cut-the-link tests (root only)
  procps                                     # pgrep/pkill for the simulated host
  python3 make g++                           # node-gyp builds of code-server's native modules
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

case "${1:-}" in
  start) exec npm start ;;
  test) exec npm test ;;
  setup) ;;
  *) echo "usage: bash scripts/dev.sh start|test|setup" >&2; exit 2 ;;
esac
