#!/usr/bin/env bash
# Prepares a fresh Debian machine (or a developer's) to build, test and run the demo:
# the Debian packages the interop tests use, pnpm 12.4.2, the workspace's dependencies, and a build.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(poppler-utils qpdf openssl zbar-tools python3-jwcrypto mupdf-tools fonts-dejavu-core libnss3-tools
  default-jdk-headless libbcprov-java libbcpkix-java libbcutil-java)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install these Debian packages (the interop tests use them): ${missing[*]}" >&2
  fi
fi

if [ "$(pnpm --version 2>/dev/null)" != "12.4.2" ]; then
  echo "bootstrap: npm i -g pnpm@12.4.2"
  npm i -g pnpm@12.4.2 >/dev/null
fi

# better-sqlite3 is compiled when no prebuilt binary can be downloaded; point node-gyp at the local Node headers.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

pnpm install --frozen-lockfile
pnpm build
