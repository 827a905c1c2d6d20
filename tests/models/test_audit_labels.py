"""Every table and every logged column has a Chinese name in models/audit_labels.py, so the 操作日志 never
shows a code name; values read as users write them."""

from datetime import date

import sqlalchemy as sa

from models.audit_labels import (
    NOT_LOGGED,
    NOT_SHOWN_TABLES,
    TABLES,
    TITLES,
    column_label,
    format_value,
    table_label,
)
from models.tables import metadata


def _logged_tables():
    return [t for t in metadata.sorted_tables if t.name not in NOT_SHOWN_TABLES]


def test_every_table_and_logged_column_has_a_chinese_label():
    missing = []
    for table in _logged_tables():
        if table.name not in TABLES:
            missing.append(table.name)
            continue
        for column in table.columns:
            if column.name not in NOT_LOGGED and column_label(table.name, column.name) == column.name:
                missing.append(f"{table.name}.{column.name}")
    assert missing == [], f"操作日志缺少中文名称：{missing}（请在 models/audit_labels.py 中补上）"
    assert all(not table_label(t.name).isascii() for t in _logged_tables())


def test_no_label_for_a_table_or_column_that_does_not_exist():
    tables = {t.name: t for t in _logged_tables()}
    assert set(TABLES) == set(tables)
    stale = [f"{name}.{column}" for name, (_label, columns) in TABLES.items() for column in columns
             if column not in tables[name].columns]
    assert stale == []


def test_every_table_has_a_record_title_made_of_its_columns():
    for table in _logged_tables():
        parts = TITLES.get(table.name)
        assert parts, f"{table.name} 没有记录名称"
        for part in parts:
            column, target = (part, None) if isinstance(part, str) else part
            assert column in table.columns, f"{table.name}.{column}"
            if target is not None:
                assert isinstance(TITLES[target][0], str)  # the linked record names itself


def test_values_read_in_chinese():
    person, meeting, membership = (metadata.tables[n] for n in ("person", "meeting", "membership"))
    assert format_value(person.c.active, True) == "是" and format_value(person.c.active, False) == "否"
    assert format_value(person.c.mobile, None) == "空"
    assert format_value(membership.c.start_date, date(2024, 3, 5).isoformat()) == "2024年3月5日"
    assert format_value(meeting.c.starts_at, "2024-03-05T14:30:00") == "2024年3月5日 14:30"
    assert format_value(person.c.party_id, 3, {("party", 3): "民盟"}) == "民盟"
    assert format_value(person.c.party_id, 4, {}) == "编号 4（已删除）"
    assert format_value(sa.Column("x", sa.Integer), 7) == "7"


def test_an_office_setting_is_titled_by_its_name_in_the_registry():
    from models import settings
    from models.audit_labels import setting_title

    assert setting_title("committee_name") == "区政协名称"
    assert setting_title("demo_version") == "演示数据的版本（程序内部记录）"
    assert setting_title("no_such_key") == "程序内部设置（no_such_key）"  # a newer version's, say
    office = [s for s in vars(settings).values() if isinstance(s, settings.Setting) and s.scope == settings.OFFICE]
    assert office and all(s.label for s in office)  # a database's every setting row reads in Chinese in the log
