"""The bundle's entry point: the same main() as `python main.py`, frozen by PyInstaller (consultdesk.spec)."""

import sys

from main import main

if __name__ == "__main__":
    sys.exit(main())
