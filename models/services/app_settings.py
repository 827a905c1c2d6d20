"""Settings stored in the database (shared by everyone who opens it), as JSON values."""

import json

from sqlmodel import Session, select

from models.changes import Area, writes
from models.tables import AppSetting


def get_setting(session: Session, key: str, default=None):
    row = session.exec(select(AppSetting).where(AppSetting.key == key)).first()
    if row is None or row.value is None:
        return default
    return json.loads(row.value)


@writes(Area.SETTINGS)
def set_setting(session: Session, key: str, value) -> None:
    row = session.exec(select(AppSetting).where(AppSetting.key == key)).first()
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(AppSetting(key=key, value=text))
    elif row.value != text:
        row.value = text
        session.add(row)
    session.flush()


COMMITTEE_NAME_KEY = "committee_name"
DEFAULT_COMMITTEE_NAME = "××区政协"


def committee_name(session: Session) -> str:
    """How documents name the committee, e.g. "××区政协" in 《××区政协2024年度协商计划》."""
    return get_setting(session, COMMITTEE_NAME_KEY, DEFAULT_COMMITTEE_NAME) or DEFAULT_COMMITTEE_NAME
