#!/usr/bin/env bash
# Build .qm files from the committed .ts sources (only when a .ts is newer).
set -euo pipefail
cd "$(dirname "$0")/../serviceperspektiv/i18n"
LRELEASE=$(command -v lrelease || true)
[ -z "$LRELEASE" ] && [ -x /usr/lib/qt5/bin/lrelease ] && LRELEASE=/usr/lib/qt5/bin/lrelease
for ts in *.ts; do
  [ -e "$ts" ] || continue
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    if [ -z "$LRELEASE" ]; then echo "lrelease not found (apt package qttools5-dev-tools)" >&2; exit 1; fi
    "$LRELEASE" -silent "$ts" -qm "$qm"
  fi
done
