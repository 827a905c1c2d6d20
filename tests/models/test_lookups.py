"""参数设置 rules: add, rename, reorder, retire; a value in use can only be retired."""

import pytest

from models.errors import ConflictError, InUseError, ValidationError
from models.services import lookups
from models.services.people import MembershipData, PersonData, create_person


def value(session, key, name):
    return next(v for v in lookups.list_values(session, key, with_usage=True) if v.name == name)


def test_add_appends_at_the_end(database):
    with database.session() as session:
        added = lookups.add_value(session, "liaison_group", "  东湖街道联络组 ")
        second = lookups.add_value(session, "liaison_group", "城南街道联络组")
        assert added.name == "东湖街道联络组"  # stray spaces removed
        assert [v.name for v in lookups.list_values(session, "liaison_group")] == ["东湖街道联络组", "城南街道联络组"]
        assert second.sort_order > added.sort_order and added.active


@pytest.mark.parametrize("bad, message", [("", "不能为空"), ("\u3000 ", "不能为空"), ("经济", "已有“经济”"),
                                          ("界" * 51, "最多 50 个字")])
def test_bad_names_are_refused_in_chinese(database, bad, message):
    with pytest.raises(ValidationError) as caught, database.session() as session:
        lookups.add_value(session, "sector", bad)
    assert message in caught.value.message


def test_rename_keeps_references_and_checks_version(database):
    with database.session() as session:
        economy = value(session, "sector", "经济")
        create_person(session, PersonData(name="张伟", memberships=[MembershipData(sector_id=economy.id)]))
        lookups.rename_value(session, "sector", economy.id, "经济界", expected_version=economy.version)
    with database.session() as session:
        renamed = value(session, "sector", "经济界")
        assert renamed.id == economy.id and renamed.usage == 1
    with pytest.raises(ConflictError), database.session() as session:
        lookups.rename_value(session, "sector", economy.id, "经济界别", expected_version=economy.version)


def test_move_up_and_down(database):
    with database.session() as session:
        first_three = [v.name for v in lookups.list_values(session, "party")][:3]
        minge = value(session, "party", "民革")
        lookups.move_value(session, "party", minge.id, -1)
        assert [v.name for v in lookups.list_values(session, "party")][:3] == ["民革", "中共", "民盟"]
        lookups.move_value(session, "party", minge.id, -1)  # already first: nothing happens
        lookups.move_value(session, "party", minge.id, 1)
        assert [v.name for v in lookups.list_values(session, "party")][:3] == first_three


def test_a_value_in_use_cannot_be_deleted_only_retired(database):
    with database.session() as session:
        education = value(session, "sector", "教育")
        create_person(session, PersonData(name="李娜", memberships=[MembershipData(sector_id=education.id)]))
    with pytest.raises(InUseError) as caught, database.session() as session:
        lookups.delete_value(session, "sector", education.id)
    assert "已被 1 条记录使用" in caught.value.message and "停用" in caught.value.message
    with database.session() as session:
        lookups.set_active(session, "sector", education.id, False, expected_version=education.version)
        retired = value(session, "sector", "教育")
        assert not retired.active and retired.usage == 1
        assert "教育" not in [v.name for v in lookups.list_values(session, "sector", include_retired=False)]


def test_unused_value_can_be_deleted_but_builtin_formats_cannot(database):
    with database.session() as session:
        religion = value(session, "sector", "宗教")
        lookups.delete_value(session, "sector", religion.id)
        assert "宗教" not in [v.name for v in lookups.list_values(session, "sector")]
        salon = value(session, "meeting_format", "委员沙龙")
    with pytest.raises(InUseError) as caught, database.session() as session:
        lookups.delete_value(session, "meeting_format", salon.id)
    assert "内置" in caught.value.message


def test_criterion_weights(database):
    with database.session() as session:
        importance = value(session, "topic_criterion", "重要性")
        lookups.set_weight(session, "topic_criterion", importance.id, 25, expected_version=importance.version)
        assert lookups.weight_total(session) == 95
        with pytest.raises(ValidationError):
            lookups.set_weight(session, "topic_criterion", importance.id, 120, expected_version=importance.version + 1)
        with pytest.raises(ValidationError):
            lookups.add_value(session, "topic_criterion", "创新性", weight="很高")
