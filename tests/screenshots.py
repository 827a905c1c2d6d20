"""Save screenshots of widgets for people to look at: set CONSULTDESK_SCREENSHOTS to a folder."""

import os
from pathlib import Path

ENV = "CONSULTDESK_SCREENSHOTS"


def save_screenshot(widget, name: str) -> Path | None:
    folder = os.environ.get(ENV)
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path
