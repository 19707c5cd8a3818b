#!/usr/bin/env bash
# Idempotent set-up: apt packages (QGIS, Xvfb with xauth for xvfb-run, poppler), a venv that sees the system PyQGIS,
# and pip extras with numpy pinned to the system's version (pip would otherwise pull numpy 2,
# which breaks Debian's SciPy and QGIS).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
SYS_PY=/usr/bin/python3

need_apt=()
for pkg in qgis python3-qgis qgis-providers xvfb xauth poppler-utils python3-scipy python3-venv python3-requests python3-markdown qttools5-dev-tools; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "bootstrap: installing apt packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV (system site-packages)"
  "$SYS_PY" -m venv --system-site-packages "$VENV"
fi

stamp="$VENV/.requirements.stamp"
if [ ! -f "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ]; then
  numpy_version=$("$SYS_PY" -c 'import numpy; print(numpy.__version__)')
  constraints="$VENV/constraints.txt"
  echo "numpy==${numpy_version}" > "$constraints"
  echo "bootstrap: pip install (numpy pinned to ${numpy_version})"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c "$constraints" -r requirements-dev.txt
  touch "$stamp"
fi
