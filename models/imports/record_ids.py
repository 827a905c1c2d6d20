"""编号 cells (人员编号, 参会编号, 议题编号, 意见建议编号): the ids this program wrote into its own exports.

One rule for every import: a positive whole number within the INTEGER range SQLite and PostgreSQL share.
Anything else — text, negatives, 30 digits, a 5,000-digit paste — is a row error, never an exception
from int() or from the database.
"""

import re

from models.errors import ValidationError
from models.imports.xlsx_reader import cell_text
from models.services.common import INTEGER_MAX

MAX_ID = INTEGER_MAX  # the portable INTEGER bound
_DIGITS = re.compile(r"[0-9]{1,10}")  # ASCII only: "²".isdigit() is true but int("²") fails


def record_id(text: str) -> int | None:
    """The id a cell's text names, or None when it cannot be one of ours."""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def parse_record_id(value, label: str = "编号", hint: str = "") -> int:
    """The id in an 编号 cell; ValidationError (field "id") when it is not one this program exported."""
    text = cell_text(value)
    parsed = record_id(text)
    if parsed is None:
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise ValidationError(f"{label}“{shown}”不是本系统导出的{label}。{hint or f'{label}列请勿修改。'}",
                              field="id")
    return parsed
