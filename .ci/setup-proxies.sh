#!/usr/bin/env bash
# Installs the real proxies the check tests drive (squid, mitmproxy, tinyproxy) from Debian.
# Idempotent: does nothing when all three are present. Called by .ci/run before the tests;
# safe to run by hand (needs root or sudo).
set -euo pipefail

need=()
command -v squid >/dev/null 2>&1 || [ -x /usr/sbin/squid ] || need+=(squid)
command -v mitmdump >/dev/null 2>&1 || need+=(mitmproxy)
command -v tinyproxy >/dev/null 2>&1 || [ -x /usr/bin/tinyproxy ] || need+=(tinyproxy)

if [ ${#need[@]} -eq 0 ]; then
    echo "setup-proxies: squid, mitmproxy and tinyproxy already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-proxies: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The packages start system services on install; the tests start their own instances on
# free loopback ports, so stop the system ones (and keep them from holding 3128/8888).
for service in squid tinyproxy; do
    if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop "$service" >/dev/null 2>&1 || true; fi
    if command -v service >/dev/null 2>&1; then $SUDO service "$service" stop >/dev/null 2>&1 || true; fi
done
echo "setup-proxies: done"
