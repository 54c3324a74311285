#!/usr/bin/env bash
# Re-make the pictures README.md shows: the first printed page of the Summary, of the
# sign-in sheet and of the Needs review sheet, in the report on the bundled sample, as
# LibreOffice prints them on A4. Needs soffice, pdftotext and pdftoppm (Debian:
# libreoffice-calc-nogui, poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp config.toml "$work/" && cp -r samples "$work/"
uv run regsync run -q -c "$work/config.toml"
# (the shared extension cache in the profile too: Debian's is root's once root ran soffice)
soffice "-env:UserInstallation=file://$work/profile" \
    "-env:UNO_SHARED_PACKAGES_CACHE=file://$work/profile/shared" --headless --convert-to pdf \
    --outdir "$work" "$work/output/latest.xlsx" >/dev/null
pdf="$work/latest.pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages/ {print $2}')

# the first page of a sheet: its footer starts with the sheet's name ("Сводка  Стр. 1 из 56")
first_page() {
    for page in $(seq 1 "$pages"); do
        if pdftotext -layout -f "$page" -l "$page" "$pdf" - | grep -qE "^ *$1 +Стр\."; then
            echo "$page"
            return
        fi
    done
    echo "no page of the sheet $1" >&2
    exit 1
}

render() {
    pdftoppm -r 80 -png -f "$1" -l "$1" -singlefile "$pdf" "docs/$2"
    echo "wrote docs/$2.png"
}

render "$(first_page 'Сводка')" summary
render "$(first_page 'Лист регистрации')" checkin
render "$(first_page 'Проверить')" review
