"""Every setting is declared once, filed where it lives, and a damaged stored value gives its default."""

from sqlmodel import select

from models import settings
from models.services.app_settings import committee_name, get_setting, set_setting
from models.settings import OFFICE, PC, Setting
from models.tables import AppSetting


def declared() -> list[Setting]:
    return [value for value in vars(settings).values() if isinstance(value, Setting)]


def test_every_setting_is_in_the_registry_once_and_filed_by_where_it_lives():
    registry = [*settings.OFFICE_SETTINGS, *settings.PC_SETTINGS, *settings.PC_FAMILIES]
    assert sorted(s.key for s in registry) == sorted(s.key for s in declared())
    assert len({s.key for s in registry}) == len(registry)
    assert all(s.scope == OFFICE for s in settings.OFFICE_SETTINGS)
    assert all(s.scope == PC for s in (*settings.PC_SETTINGS, *settings.PC_FAMILIES))
    assert all("{name}" in s.key for s in settings.PC_FAMILIES)


def test_a_damaged_office_value_reads_as_its_default(database):
    with database.session() as session:
        for setting, text in ((settings.SEATING_EVEN_ONE_LEFT, "{不是 JSON"), (settings.DEMO_VERSION, '"三"'),
                              (settings.PERFORMANCE_SCHEME, "[1, 2]")):
            row = session.exec(select(AppSetting).where(AppSetting.key == setting.key)).first()
            row = row or AppSetting(key=setting.key)
            row.value = text  # as another program, or a damaged file, might have left it
            session.add(row)
        session.commit()
        assert get_setting(session, settings.SEATING_EVEN_ONE_LEFT) is True
        assert get_setting(session, settings.DEMO_VERSION) is None
        assert get_setting(session, settings.PERFORMANCE_SCHEME) is None
        # Stored as text, read back as text; only what no file can hold (U+FFFE) is dropped (models/text.py).
        set_setting(session, settings.COMMITTEE_NAME, "=东湖区政协\ufffe")
        assert committee_name(session) == "=东湖区政协"
