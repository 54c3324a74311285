#!/usr/bin/env bash
# Re-make docs/summary.png: the Summary sheet of the report on the bundled sample, as
# LibreOffice renders it. Needs soffice and pdftoppm (Debian: libreoffice-calc-nogui,
# poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp config.toml "$work/" && cp -r samples "$work/"
uv run regsync run -q -c "$work/config.toml"
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf \
    --outdir "$work" "$work/output/latest.xlsx" >/dev/null
# page 1 down to the bar chart; the roles pie starts the next page
pdftoppm -r 110 -png -f 1 -l 1 -x 60 -y 90 -W 1130 -H 570 -singlefile "$work/latest.pdf" docs/summary
echo "wrote docs/summary.png"
