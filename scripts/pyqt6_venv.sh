#!/usr/bin/env bash
# Idempotent: .cache/pyqt6-venv with PyQt6 from PyPI (requirements-qt6.txt), isolated from the
# system's PyQt5/QGIS, for scripts/check_qt6.py. Rebuilt when requirements-qt6.txt changes.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.cache/pyqt6-venv
stamp="$VENV/.requirements.stamp"
if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ ! requirements-qt6.txt -nt "$stamp" ] \
   && "$VENV/bin/python" -c 'import PyQt6.QtCore' 2>/dev/null; then
  exit 0
fi
echo "pyqt6_venv: creating $VENV" >&2
rm -rf "$VENV"
mkdir -p .cache
/usr/bin/python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-qt6.txt >&2
"$VENV/bin/python" -c 'import PyQt6.QtCore, PyQt6.QtGui, PyQt6.QtWidgets'
touch "$stamp"
