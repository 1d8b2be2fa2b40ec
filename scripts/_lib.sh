# Shared helpers for scripts/setup-venv, scripts/test and scripts/demo. Sourced, never run.
# shellcheck shell=bash

ROLLCALL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROLLCALL_VENV=${ROLLCALL_VENV:-$ROLLCALL_ROOT/.venv}

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Run a command as root: directly when we are root, through sudo otherwise (non-interactively when
# there is no terminal to ask for a password on).
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        if [[ -t 0 ]]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "'$*' needs root: run this script as root or install sudo"
    fi
}

# Install Debian packages (apt-get update first, and only when something is to be installed).
apt_install() {
    (($# > 0)) || return 0
    command -v apt-get >/dev/null 2>&1 ||
        die "missing system packages ($*) and apt-get is not available: install them yourself"
    log "Installing Debian packages: $*"
    local opts=(-o DPkg::Lock::Timeout=300 -q)
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install -y \
        --no-install-recommends "$@"
}
