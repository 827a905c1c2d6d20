"""The bundle's entry point: the same main() as `python main.py`, frozen by PyInstaller (consultdesk.spec)."""

import os
import sys

# Alembic loads the migration scripts from files: no __pycache__ written into /opt by whoever runs it first
# (it would be left behind when the package is removed)
sys.dont_write_bytecode = True

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:  # a windowed Windows .exe has no console: print() must not fail there
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - open for the whole run

from main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
