"""The office's room-layout templates (SEAT_LAYOUTS) and seating preferences (SEAT_ORDER, the odd/even rule)."""

import json

import pytest
from sqlmodel import select

from models.errors import ValidationError
from models.seat_layouts import DEFAULT_LAYOUTS, LayoutKind, LayoutSpec
from models.services.app_settings import set_setting
from models.services.lookups import list_values
from models.services.seat_plans import (
    delete_layout_template,
    list_layout_templates,
    save_layout_template,
    seating_preferences,
    set_seat_order,
)
from models.settings import SEAT_LAYOUTS, SEATING_EVEN_ONE_LEFT
from models.tables import AppSetting

SALON = LayoutSpec(LayoutKind.ROUND, tables=3, per_table=8)


def test_the_built_in_templates_first_then_added_replaced_and_deleted_in_place(database):
    with database.session() as session:
        assert list_layout_templates(session) == list(DEFAULT_LAYOUTS)
        save_layout_template(session, "  三楼沙龙  ", SALON)
        names = [name for name, _spec in list_layout_templates(session)]
        assert names == [name for name, _spec in DEFAULT_LAYOUTS] + ["三楼沙龙"]
        first = DEFAULT_LAYOUTS[0][0]
        bigger = LayoutSpec(LayoutKind.HOLLOW, head=12, sides=22, foot=12)
        save_layout_template(session, first, bigger)  # the same name: replaced where it stands
        templates = list_layout_templates(session)
        assert templates[0] == (first, bigger) and len(templates) == len(DEFAULT_LAYOUTS) + 1
        delete_layout_template(session, "三楼沙龙")
        assert "三楼沙龙" not in [name for name, _spec in list_layout_templates(session)]
        with pytest.raises(ValidationError, match="没有名为“三楼沙龙”的座次模板"):
            delete_layout_template(session, "三楼沙龙")
        for name, _spec in templates[1:-1]:
            delete_layout_template(session, name)
        with pytest.raises(ValidationError, match="至少要保留一个座次模板"):
            delete_layout_template(session, first)
        assert list_layout_templates(session) == [(first, bigger)]


def test_a_template_needs_a_name_and_counts_that_make_a_room(database):
    with database.session() as session:
        with pytest.raises(ValidationError) as refused:
            save_layout_template(session, " ", LayoutSpec(LayoutKind.ROUND, tables=0, per_table=30))
        fields = {field for field, _message in refused.value.problems}
        assert {"name", "tables", "per_table"} <= fields  # every problem at once
        with pytest.raises(ValidationError, match="模板名称最多 50 个字"):
            save_layout_template(session, "名" * 51, SALON)
        assert list_layout_templates(session) == list(DEFAULT_LAYOUTS)  # nothing stored


def test_templates_follow_the_offices_odd_even_rule_and_survive_a_damaged_entry(database):
    with database.session() as session:
        set_setting(session, SEATING_EVEN_ONE_LEFT, False)
        assert all(spec.even_one_left is False for _name, spec in list_layout_templates(session))
        save_layout_template(session, "沙龙", SALON)
        row = session.exec(select(AppSetting).where(AppSetting.key == SEAT_LAYOUTS.key)).one()
        stored = json.loads(row.value)
        stored.insert(0, {"name": "坏的", "kind": "八角形"})
        stored.insert(0, "不是模板")
        row.value = json.dumps(stored, ensure_ascii=False)
        session.add(row)
        session.flush()
        names = [name for name, _spec in list_layout_templates(session)]
        assert names == [name for name, _spec in DEFAULT_LAYOUTS] + ["沙龙"]


def test_seating_preferences_come_from_the_settings_and_the_sector_lookup(database):
    with database.session() as session:
        prefs = seating_preferences(session)
        sectors = [value.name for value in list_values(session, "sector")]
        assert prefs.by_sector is False and prefs.even_one_left is True
        assert prefs.sector_order == {name: index for index, name in enumerate(sectors)} and len(sectors) > 5
        set_seat_order(session, "界别")
        assert seating_preferences(session).by_sector is True
        with pytest.raises(ValidationError, match="笔画或界别"):
            set_seat_order(session, "拼音")
