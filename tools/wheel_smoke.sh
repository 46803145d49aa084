#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtual environment outside the checkout and run the
# install check (tools/smoke.sh) there. Needs the test extras (`build`) in .venv.
#
#     tools/wheel_smoke.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/fujiang-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-$here/.venv/bin/python}"
started=$SECONDS
"$python" -m build --wheel --outdir "$work/dist" "$here" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
wheel="$(ls "$work"/dist/*.whl)"
echo "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel"
bash "$here/tools/smoke.sh" "$work/venv/bin/fujiang"
echo "wheel smoke test: $((SECONDS - started)) s"
