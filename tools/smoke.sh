#!/usr/bin/env bash
# Install check of a built program: run it as an office PC would, from a folder outside the
# checkout, with its own data folder, and check what a clerk would see.
#
#     tools/smoke.sh PATH/TO/fujiang        # an installed wheel's script or the frozen build's program
#
# Checks: --version is pyproject.toml's; --help speaks Chinese; `demo --years 0` makes a database;
# a truck imported from tests/data/smoke_truck.csv gets a certificate PDF whose font (pdffonts)
# is the bundled FujiangSansSC and whose Creator names the version; the window opens offscreen in
# Chinese with the bundled font and the icon, and closes; a missing bundled file stops the program
# with a message naming it. Used by .ci/run (wheel) and tools/build_app.py --smoke (frozen build).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fujiang="$(realpath "${1:?usage: tools/smoke.sh PATH/TO/fujiang}")"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/pyproject.toml" | head -1)"
work="$(mktemp -d "${TMPDIR:-/tmp}/fujiang-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
# Nothing of the checkout or a developer's environment may help the program find its files.
export HOME="$work/home" XDG_DATA_HOME="$work/home/share" XDG_CONFIG_HOME="$work/home/config"
export FUJIANG_DATA_DIR="$work/data" QT_QPA_PLATFORM=offscreen
unset PYTHONPATH PYTHONHOME FUJIANG_DB
# No virtual environment on PATH (the system's tools, such as pdffonts, stay).
PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/\.venv' -e "${VIRTUAL_ENV:-/nonexistent}" | paste -sd: -)"
export PATH
unset VIRTUAL_ENV
mkdir -p "$HOME"
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }
step() { echo "--- $*"; }

step "version"
out="$("$fujiang" --version | tr -d '\r')"  # Windows ends its lines with CR LF
[ "$out" = "fujiang $version" ] || fail "--version said '$out', expected 'fujiang $version'"

step "help in Chinese"
"$fujiang" --help >help.txt
grep -q "不带命令时打开桌面程序" help.txt || { cat help.txt; fail "--help is not in Chinese"; }

step "demo --years 0"
"$fujiang" --db park.db demo --years 0
[ -s park.db ] || fail "demo wrote no database"

step "a truck and its certificate"
"$fujiang" --db park.db import shipments "$here/tests/data/smoke_truck.csv"
"$fujiang" --db park.db certificate --ticket B20250601-001 -o certificate.pdf
pdffonts certificate.pdf | tee fonts.txt
grep -q "FujiangSansSC" fonts.txt || fail "the certificate does not use the bundled font"
if grep -v "FujiangSansSC" fonts.txt | tail -n +3 | grep -q .; then fail "the certificate uses other fonts"; fi
pdfinfo certificate.pdf | grep "^Creator:.*$version" || fail "the PDF's Creator does not name version $version"

step "window (offscreen)"
"$fujiang" --db park.db --smoke-test >window.txt 2>window.err || { cat window.txt window.err; fail "the window failed"; }
cat window.txt
grep -q "^smoke-test title: 涪江蔬菜乐园" window.txt || fail "the window's title is not Chinese"
grep -q "^smoke-test language: zh_CN" window.txt || fail "the window is not in Chinese"
grep -q "^smoke-test font: .*Fujiang Sans SC" window.txt || fail "the window does not use the bundled font"
grep -q "^smoke-test icon: yes" window.txt || fail "the window has no icon"
grep -q "^smoke-test broken pages: none" window.txt || { grep -v "^  " "$FUJIANG_DATA_DIR/fujiang.log" | tail -20; fail "pages could not be built"; }

step "a missing bundled file stops the program, naming it"
font="$(find "$(dirname "$fujiang")/.." -path "*fujiang_resources/fonts/FujiangSansSC-Regular.otf" | head -1)"
[ -n "$font" ] || fail "the bundled font is not inside the installation"
mv "$font" "$font.away"
trap 'mv "$font.away" "$font"; rm -rf "$work"' EXIT
if "$fujiang" --help >missing.txt 2>&1; then fail "the program started without its font"; fi
grep -q "FujiangSansSC-Regular.otf" missing.txt || { cat missing.txt; fail "the message does not name the font"; }
if "$fujiang" --db park.db --smoke-test >missing.txt 2>&1; then fail "the window opened without its font"; fi
grep -q "FujiangSansSC-Regular.otf" missing.txt || { cat missing.txt; fail "the window's message does not name the font"; }
cat missing.txt
echo "SMOKE PASSED: $fujiang ($version)"
