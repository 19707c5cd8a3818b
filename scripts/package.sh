#!/usr/bin/env bash
# Build dist/serviceperspektiv.zip for QGIS "Install from ZIP" and the plugin repository.
# The checkout's package folder has the installed layout already (adapters/resources.py), so the
# ZIP is that folder as it is, less what a user does not need: translation sources (.ts; the built
# .qm ship), byte code, generators and anything else that is not part of the plugin.
# Usage: scripts/package.sh [OUT.zip]   (default dist/serviceperspektiv.zip)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist/serviceperspektiv.zip}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

# Translations must be built: a ZIP without .qm would run in English only.
bash scripts/build_translations.sh
ls serviceperspektiv/i18n/*.qm >/dev/null 2>&1 || { echo "package: no .qm files in serviceperspektiv/i18n" >&2; exit 1; }
[ -f LICENSE ] || { echo "package: LICENSE is missing" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# Files git tracks or would track (nothing it ignores: caches, outputs), plus the built .qm;
# without git (a source tarball) the whole folder, cleaned below.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard serviceperspektiv | while IFS= read -r -d '' file; do
    [ -f "$file" ] || continue  # deleted in the work tree
    mkdir -p "$stage/$(dirname "$file")"
    cp -p "$file" "$stage/$file"
  done
else
  cp -rp serviceperspektiv "$stage/serviceperspektiv"
fi
cp -p serviceperspektiv/i18n/*.qm "$stage/serviceperspektiv/i18n/"
cp -p LICENSE "$stage/serviceperspektiv/LICENSE"
# The user guide as HTML pages, so that "Hjälp" works offline in the installed plugin.
# The system Python (or the project's venv on it) has python3-markdown from scripts/bootstrap.sh.
docs_python=/usr/bin/python3; [ -x .venv/bin/python ] && docs_python=.venv/bin/python
"$docs_python" scripts/build_docs.py "$stage/serviceperspektiv/docs"
find "$stage" \( -name '__pycache__' -o -name '*.pyc' -o -name '*.ts' -o -name '*.pro' \
  -o -name 'make_*.py' -o -name 'Makefile' -o -name '.*' \) -prune -exec rm -rf {} +

mkdir -p "$(dirname "$out")"
rm -f "$out"
(cd "$stage" && python3 - "$out" <<'EOF'
import sys
import zipfile
from pathlib import Path

# Sorted entries with explicit folder records, so the ZIP is the same for the same files.
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
    for path in sorted(Path("serviceperspektiv").rglob("*")):
        archive.write(path, path.as_posix())
EOF
)
echo "${out#"$PWD/"}"
