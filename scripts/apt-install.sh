#!/usr/bin/env bash
# Installs the given Debian packages. When another apt-get or dpkg holds the lock (a fresh machine often runs
# unattended upgrades at boot), it waits for it, up to 10 minutes, instead of failing at once.
set -euo pipefail
[ $# -gt 0 ] || exit 0
echo "Installing: $*"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
WAIT=(-o DPkg::Lock::Timeout=600)
# apt-get update takes the lists lock, which DPkg::Lock::Timeout does not cover on every apt version: retry it.
for attempt in $(seq 1 60); do
  if $SUDO apt-get "${WAIT[@]}" update -qq; then break; fi
  [ "$attempt" -lt 60 ] || { echo "apt-get update failed 60 times" >&2; exit 1; }
  echo "apt-get update failed (lock held by another apt?); trying again in 10 s" >&2
  sleep 10
done
DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${WAIT[@]}" install -y -qq --no-install-recommends "$@" >/dev/null
