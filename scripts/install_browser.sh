#!/usr/bin/env sh
# Installs Debian's Chromium for the web app's browser tests (Playwright drives it; its own
# browser download is not used). Does nothing when Chromium is already there. Needs apt-get
# and root (or sudo); elsewhere it says what to do and exits 0, and the browser tests skip
# unless CI is set.
set -eu
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get here; install Chromium and set STORYLINE_CHROMIUM to its path" >&2
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install_browser: not root and no sudo; run 'apt-get install chromium' as root" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y --no-install-recommends chromium >/dev/null
}
chromium --version
