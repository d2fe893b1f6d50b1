#!/bin/sh
# .deb post-install: scanner access without root, and the kiosk starting at login.
# Idempotent: safe on upgrade and reinstall.
set -e
RES="/opt/Scan Station/resources/linux"

# Members of "scanner" may open the scanners the udev rule matches (hidraw and tty).
getent group scanner >/dev/null || groupadd --system scanner

install -m 0644 "$RES/60-scan-station.rules" /etc/udev/rules.d/60-scan-station.rules
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=hidraw --subsystem-match=tty || true
fi

install -m 0644 "$RES/scan-station.desktop" /etc/xdg/autostart/scan-station.desktop

echo "Scan Station: add the station user to the scanner group (usermod -aG scanner USER) and log in again."
