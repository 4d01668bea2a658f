# Sourced by scripts/run and scripts/test: make (once) and use the project's virtualenv.
VENV="${VENV:-$PWD/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  base="${PYTHON:-python3}"
  if ! "$base" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    command -v python3.11 >/dev/null && base=python3.11 \
      || { echo "diplomacy needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
  fi
  echo "==> Creating the virtualenv in $VENV"
  "$base" -m venv "$VENV"
fi
PY="$VENV/bin/python"
