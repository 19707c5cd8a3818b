#!/usr/bin/env bash
# `make test-qgis-latest`: the full suite (`make test`) against the newest QGIS that Debian ships —
# QGIS 3.44 from Debian unstable (sid), else 3.40 from Debian 13 (trixie) — in a debootstrap root.
#
# The root is built on first use and cached in .cache/qgis-latest-root (git-ignored). It is
# rebuilt when this script changes (a hash of it is stamped into the root). Each run copies the
# current working tree into the root and runs `make test` there with a venv inside the root, so
# the host's .venv, demo data and profile are never touched. Mounts (/proc, /sys, /dev, /dev/pts,
# /dev/shm) live in a private mount namespace that ends with this script, and a trap unmounts
# them as well.
#
# With arguments, runs that command in the checkout inside the root instead of `make test`, e.g.
#   bash scripts/qgis_latest.sh /opt/serviceperspektiv-venv/bin/python -m pytest -q tests/test_demo.py
#
# In this run a DeprecationWarning raised from our own code (the package, the tests) fails the test
# that triggers it: QGIS deprecates before it removes, and the newest QGIS is where that shows first.
#
# Environment: QGIS_LATEST_SUITES (default "sid trixie"), DEBIAN_MIRROR, PYTEST_ADDOPTS (added to
# pytest's options inside the root), QGIS_LATEST_CACHE (default <checkout>/.cache).
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$PWD
CACHE=${QGIS_LATEST_CACHE:-$CHECKOUT/.cache}
ROOTFS=$CACHE/qgis-latest-root
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITES=${QGIS_LATEST_SUITES:-sid trixie}
SRC_IN_ROOT=/src/serviceperspektiv
# pytest -W escapes the module name (exact match only), so the filters go in as an ini override,
# whose module field is a regular expression: others' deprecations stay ignored as in pytest.ini.
DEPRECATIONS="-o 'filterwarnings=ignore::DeprecationWarning
error::DeprecationWarning:(serviceperspektiv|tests|test_|conftest)'"
VENV_IN_ROOT=/opt/serviceperspektiv-venv

log() { echo "qgis-latest: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  # debootstrap, chroot and mount need root.
  exec sudo -E bash "$CHECKOUT/scripts/qgis_latest.sh" "$@"
fi

# Re-enter in a private mount namespace: whatever is mounted below disappears when the script
# ends, however it ends (the trap further down is the second line of defence).
if [ -z "${QGIS_LATEST_IN_NS:-}" ] && command -v unshare >/dev/null; then
  export QGIS_LATEST_IN_NS=1
  exec unshare --mount --propagation private bash "$CHECKOUT/scripts/qgis_latest.sh" "$@"
fi

ensure_host_tools() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing host packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Unmount everything below $1, deepest first.
unmount_below() {
  local dir=$1 target
  [ -d "$dir" ] || return 0
  dir=$(realpath "$dir")
  { awk '{print $2}' /proc/mounts | grep -E "^${dir}(/|$)" || true; } | sort -r | while read -r target; do
    umount "$target" 2>/dev/null || umount -l "$target" || true
  done
}

mounted_below() {
  local dir
  dir=$(realpath "$1")
  awk '{print $2}' /proc/mounts | grep -qE "^${dir}(/|$)"
}

mount_root() {
  local r=$1
  mkdir -p "$r/proc" "$r/sys" "$r/dev" "$r/tmp"
  mount -t proc proc "$r/proc"
  mount -t sysfs sysfs "$r/sys"
  mount --bind /dev "$r/dev"
  mkdir -p "$r/dev/pts" "$r/dev/shm"
  mount --bind /dev/pts "$r/dev/pts"
  mount -t tmpfs -o mode=1777 shm "$r/dev/shm"
}

# What the root needs from the host to reach the package registries: DNS, the CA bundle (the
# registries may sit behind a TLS proxy whose CA only the host trusts) and pip's configuration.
copy_host_config() {
  local r=$1 f
  for f in /etc/resolv.conf /etc/hosts /etc/ssl/certs/ca-certificates.crt /etc/pip.conf; do
    if [ -f "$f" ]; then
      mkdir -p "$r$(dirname "$f")"
      rm -f "$r$f"  # may be a dangling symlink in a fresh root
      cp -L "$f" "$r$f"
    fi
  done
}

# A clean environment inside the root; registry settings (proxies, pip index) pass through.
in_root() {
  local r=$1; shift
  local envs=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
              LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive
              QT_QPA_PLATFORM=offscreen "CI=${CI:-}" "PYTEST_ADDOPTS=$DEPRECATIONS ${PYTEST_ADDOPTS:-}")
  local v
  for v in PIP_INDEX_URL PIP_CERT PIP_TRUSTED_HOST PIP_DEFAULT_TIMEOUT http_proxy https_proxy no_proxy \
           HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [ -n "${!v:-}" ] && envs+=("$v=${!v}")
  done
  chroot "$r" /usr/bin/env -i "${envs[@]}" "$@"
}

# The current working tree (not only what is committed) into the root, without what git ignores:
# the root builds its own .qm files, demo data and venv, as a clean clone would.
copy_checkout() {
  local r=$1
  rm -rf --one-file-system "${r:?}$SRC_IN_ROOT"
  mkdir -p "$r$SRC_IN_ROOT"
  if git -C "$CHECKOUT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$CHECKOUT" ls-files -z --cached --others --exclude-standard \
      | tar -C "$CHECKOUT" --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$r$SRC_IN_ROOT" -xf -
  else
    tar -C "$CHECKOUT" -cf - --exclude=./.git --exclude=./.venv --exclude=./.cache --exclude=./out \
        --exclude=./dist --exclude=__pycache__ --exclude=./.pytest_cache --exclude=./.hypothesis \
        --exclude='*.qm' --exclude='./resources/demo/*.gpkg' --exclude=./.qgis-settings . \
      | tar -C "$r$SRC_IN_ROOT" -xf -
  fi
}

build_root() {
  local partial=$ROOTFS.partial suite ok=""
  for suite in $SUITES; do
    unmount_below "$partial"
    rm -rf --one-file-system "$partial"
    log "debootstrap $suite into $partial"
    local t0=$SECONDS
    if ! debootstrap --variant=minbase --include=ca-certificates,make "$suite" "$partial" "$MIRROR" \
        > "$CACHE/debootstrap-$suite.log" 2>&1; then
      log "debootstrap $suite failed (see $CACHE/debootstrap-$suite.log)"; continue
    fi
    log "debootstrap $suite: $((SECONDS - t0)) s"
    # No daemons start inside the root. The archive we reach may be a frozen snapshot whose sid
    # InRelease has passed its Valid-Until (sid's is only valid for a week); accept it.
    echo 'Acquire::Check-Valid-Until "false";' > "$partial/etc/apt/apt.conf.d/99qgis-latest"
    printf '#!/bin/sh\nexit 101\n' > "$partial/usr/sbin/policy-rc.d"
    chmod +x "$partial/usr/sbin/policy-rc.d"
    copy_host_config "$partial"
    copy_checkout "$partial"
    mount_root "$partial"
    t0=$SECONDS
    # The project's own bootstrap installs the apt packages (QGIS, Xvfb, poppler, lrelease), the
    # venv and the pip extras (numpy pinned to the root's system numpy), exactly as on a host.
    if in_root "$partial" bash -c "cd $SRC_IN_ROOT && VENV=$VENV_IN_ROOT bash scripts/bootstrap.sh \
        && dpkg-query -W -f='\${Version}' qgis >/dev/null && apt-get clean"; then
      log "packages and venv for $suite: $((SECONDS - t0)) s"
      ok=$suite
      unmount_below "$partial"
      break
    fi
    log "QGIS from $suite could not be installed; trying the next suite"
    unmount_below "$partial"
  done
  [ -n "$ok" ] || { log "no suite in '$SUITES' gave an installable QGIS"; exit 1; }
  echo "$RECIPE $ok" > "$partial/.qgis-latest-stamp"
  rm -rf --one-file-system "$ROOTFS"
  mv "$partial" "$ROOTFS"
}

# The recipe: the build steps and where they fetch from. Changing any of them rebuilds the root;
# apt/pip changes in scripts/bootstrap.sh need no rebuild, as `make test` runs it every time.
RECIPE=$({ declare -f build_root copy_host_config mount_root; echo "$SUITES $MIRROR"; } | sha256sum | cut -c1-16)

cleanup() {
  unmount_below "$ROOTFS"
  unmount_below "$ROOTFS.partial"
}

# In a function so that bash has read all of it before it runs: editing this file during a run
# cannot change what the run does.
main() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$CACHE"
  # One run at a time per root (a second one waits).
  exec 9>"$CACHE/qgis-latest.lock"
  flock 9
  for dir in "$ROOTFS" "$ROOTFS.partial"; do
    if [ -d "$dir" ] && mounted_below "$dir"; then
      log "something is still mounted below $dir (another run?); unmounting first"
      unmount_below "$dir"
    fi
  done

  stamp=$ROOTFS/.qgis-latest-stamp
  if [ ! -f "$stamp" ] || [ "$(cut -d' ' -f1 "$stamp")" != "$RECIPE" ]; then
    ensure_host_tools
    log "building the root (recipe $RECIPE)"
    build_started=$SECONDS
    build_root
    log "root built in $((SECONDS - build_started)) s"
  else
    log "reusing $ROOTFS ($(cut -d' ' -f2 "$stamp"))"
  fi

  copy_host_config "$ROOTFS"
  copy_checkout "$ROOTFS"
  mount_root "$ROOTFS"
  in_root "$ROOTFS" bash -c 'echo "qgis-latest: QGIS $(dpkg-query -W -f="\${Version}" qgis)," \
    "$(python3 --version), numpy $(python3 -c "import numpy; print(numpy.__version__)")" >&2'
  test_started=$SECONDS
  status=0
  if [ $# -gt 0 ]; then
    in_root "$ROOTFS" bash -c 'cd "$0" && exec "$@"' "$SRC_IN_ROOT" "$@" || status=$?
  else
    in_root "$ROOTFS" make -C "$SRC_IN_ROOT" test VENV="$VENV_IN_ROOT" || status=$?
  fi
  log "finished in $((SECONDS - test_started)) s (exit $status)"
  exit "$status"
}

main "$@"
