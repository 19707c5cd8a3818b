#!/usr/bin/env bash
# Build dist/serviceperspektiv-<version>.zip for QGIS "Install from ZIP".
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version=//p' serviceperspektiv/metadata.txt)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p dist
cp -r serviceperspektiv "$stage/serviceperspektiv"
# Resources (styles, templates, demo data) travel inside the plugin folder.
mkdir -p "$stage/serviceperspektiv/resources"
for dir in resources/styles resources/templates; do
  [ -d "$dir" ] && cp -r "$dir" "$stage/serviceperspektiv/resources/"
done
cp LICENSE "$stage/serviceperspektiv/" 2>/dev/null || true
find "$stage" -name '__pycache__' -type d -prune -exec rm -rf {} +
find "$stage" -name '*.ts' -delete
rm -f "dist/serviceperspektiv-$version.zip"
(cd "$stage" && python3 -m zipfile -c "$OLDPWD/dist/serviceperspektiv-$version.zip" serviceperspektiv)
echo "dist/serviceperspektiv-$version.zip"
