#!/bin/sh
set -e
rm -f /etc/udev/rules.d/70-entrance-kiosk-scanners.rules /etc/xdg/autostart/entrance-kiosk.desktop
udevadm control --reload-rules || true
