#!/usr/bin/env bash
# The Debian packages `npm test` needs besides npm packages. Run first by `npm test` and by .ci/run.
# Nothing missing: prints nothing, exit 0. Missing and root with apt-get: installs them. Otherwise
# names them with the command that installs them, exit 1. STATION_SKIP_SYSTEM_DEPS=1 skips the check.
set -euo pipefail

[ "${STATION_SKIP_SYSTEM_DEPS:-}" = 1 ] && exit 0

# chromium: the e2e browser (playwright.config.ts launches /usr/bin/chromium); socat: serial ptys;
# libusb-1.0-0: node-hid at runtime; postgresql: initdb/pg_ctl/postgres for the central tests
# (Debian keeps them in /usr/lib/postgresql/<v>/bin, off PATH); pgbouncer: the pooling tests;
# poppler-utils: pdftoppm renders the printable PDFs (bill summary, end of day) to PNG in the e2e run.
# (python3 is not needed: only bench/pty-pair.py uses it, and the bench falls back to socat.)
missing() {
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v socat >/dev/null || need+=(socat)
  dpkg -s libusb-1.0-0 >/dev/null 2>&1 || need+=(libusb-1.0-0)
  if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need+=(postgresql); fi
  command -v pgbouncer >/dev/null || [ -x "${PGBOUNCER_BIN:-/usr/sbin/pgbouncer}" ] || need+=(pgbouncer)
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
}

missing
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
  missing
  [ ${#need[@]} -eq 0 ] && exit 0
  echo "system-deps: still missing after apt-get install: ${need[*]}" >&2
  exit 1
fi

{
  echo "system-deps: npm test needs these Debian packages, not installed here: ${need[*]}"
  echo "system-deps: install them with:"
  echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}"
  echo "system-deps: (STATION_SKIP_SYSTEM_DEPS=1 skips this check)"
} >&2
exit 1
