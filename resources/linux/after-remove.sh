#!/bin/sh
# .deb post-remove: take away what after-install.sh added. The "scanner" group and the station's
# data stay: other software may use the group, and the data must survive a reinstall.
set -e
rm -f /etc/udev/rules.d/60-scan-station.rules /etc/xdg/autostart/scan-station.desktop
if command -v udevadm >/dev/null 2>&1; then udevadm control --reload-rules || true; fi
