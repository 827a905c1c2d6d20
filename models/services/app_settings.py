"""Office settings stored in the database (shared by everyone who opens it), as JSON values.

Which settings exist, their types and defaults: models/settings.py. Nothing reads or writes app_setting
except through these two functions.
"""

import json

from sqlmodel import Session, select

from models.changes import Area, writes
from models.settings import COMMITTEE_NAME, OFFICE, PRINT_ISSUER, Setting
from models.tables import AppSetting
from models.text import fit_fields


def _office(setting: Setting) -> Setting:
    if not isinstance(setting, Setting) or setting.scope != OFFICE:
        raise TypeError(f"{setting!r} is not an office setting of models/settings.py")
    return setting


def get_setting(session: Session, setting: Setting):
    _office(setting)
    row = session.exec(select(AppSetting).where(AppSetting.key == setting.key)).first()
    if row is None or row.value is None:
        return setting.default
    try:
        return setting.coerce(json.loads(row.value))
    except ValueError:
        return setting.default  # a damaged value must not stop a screen


@writes(Area.SETTINGS)
def set_setting(session: Session, setting: Setting, value) -> None:
    _office(setting)
    row = session.exec(select(AppSetting).where(AppSetting.key == setting.key)).first()
    text = json.dumps(fit_fields(value), ensure_ascii=False)  # e.g. a pasted notice text: what no file can hold
    if row is None:
        session.add(AppSetting(key=setting.key, value=text))
    elif row.value != text:
        row.value = text
        session.add(row)
    session.flush()


def committee_name(session: Session) -> str:
    """How documents name the committee, e.g. "××区政协" in 《××区政协2024年度协商计划》."""
    return get_setting(session, COMMITTEE_NAME) or COMMITTEE_NAME.default


def committee_name_missing(session: Session) -> bool:
    """Whether the office has not entered its name yet (a new database): documents print "××区政协" meanwhile."""
    name = (get_setting(session, COMMITTEE_NAME) or "").strip()
    return name in ("", COMMITTEE_NAME.default)


def print_issuer(session: Session) -> str:
    """The office that issues notices and bulletins, e.g. "××区政协办公室"."""
    return get_setting(session, PRINT_ISSUER) or PRINT_ISSUER.default
