#!/bin/sh
# .deb post-install: scanner access for the kiosk user, and autostart at login.
set -e
install -m 0644 /opt/entrance-kiosk/resources/build/70-entrance-kiosk-scanners.rules /etc/udev/rules.d/70-entrance-kiosk-scanners.rules
install -m 0644 /opt/entrance-kiosk/resources/build/linux/entrance-kiosk-autostart.desktop /etc/xdg/autostart/entrance-kiosk.desktop
udevadm control --reload-rules || true
udevadm trigger --subsystem-match=hidraw --subsystem-match=tty || true
