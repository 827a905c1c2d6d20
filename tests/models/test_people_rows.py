"""The register's rows: compact tuples sharing what people have in common, filtered exactly as the database says."""

import pytest
from sqlmodel import select

from models.services.people_list import PeopleFilter, PersonRow, filter_rows, load_people, predicate, terms_of
from models.services.person_rules import format_birth
from models.tables import Membership, Person
from models.text import fit_fields


@pytest.fixture
def register(demo_database):
    with demo_database.session() as session:
        rows = load_people(session)
        held = session.exec(select(Membership.person_id, Membership.level, Membership.sector_id, Membership.role,
                                   Membership.committee_id, Membership.liaison_group_id, Membership.term)).all()
        guests = session.exec(select(Person.id).where(Person.guest_category_id.is_not(None))).all()
    return rows, held, set(guests)


def test_rows_are_tuples_without_sets_and_share_repeated_values(register):
    rows, _held, _guests = register
    assert all(type(row) is PersonRow and isinstance(row, tuple) for row in rows)
    assert not any(isinstance(value, (set, frozenset)) for row in rows for value in (*row, *row.held))
    for field in ("gender", "ethnicity", "education", "levels", "sector"):
        values = [getattr(row, field) for row in rows]
        assert len({id(v) for v in values}) == len(set(values)), field  # one string per distinct value
    # people holding the same values share one summary, and each tuple of ids exists once
    assert len({id(row.held) for row in rows}) == len(set(row.held for row in rows))
    parts = [part for row in rows for part in row.held]
    assert len({id(part) for part in parts}) == len(set(parts))


def test_derived_values_are_worked_out_when_asked(register):
    rows, _held, _guests = register
    dated = next(row for row in rows if row.birth_month)
    assert dated.birth == format_birth(dated.birth_year, dated.birth_month) and "." in dated.birth
    assert dated.initials == tuple(dated.name_initials.split()) and dated.initials
    assert all(row.is_member == bool(row.level_set) and row.status in ("在任", "离任") for row in rows)
    assert terms_of(rows) == sorted({term for row in rows for term in row.terms}) and terms_of(rows)


@pytest.mark.parametrize("field, column", [("level", 1), ("sector_id", 2), ("role", 3), ("committee_id", 4),
                                           ("liaison_group_id", 5), ("term", 6)])
def test_each_membership_filter_finds_exactly_who_holds_the_value(register, field, column):
    """Read against the membership table itself: any membership held (past ones too), whatever its position."""
    rows, held, _guests = register
    values = {m[column] for m in held if m[column] is not None}
    assert values
    for value in values:
        expected = {m[0] for m in held if m[column] == value}
        found = {rows[i].id for i in filter_rows(rows, PeopleFilter(status=None, **{field: value}))}
        assert found == expected, (field, value)


def test_kind_and_status_filters(register):
    rows, held, guests = register
    members = {m[0] for m in held}
    assert {rows[i].id for i in filter_rows(rows, PeopleFilter(status=None, kind="委员"))} == members
    assert {rows[i].id for i in filter_rows(rows, PeopleFilter(status=None, kind="嘉宾"))} == guests
    former = {rows[i].id for i in filter_rows(rows, PeopleFilter(status="离任"))}
    assert former == {row.id for row in rows if row.active is False}


def test_search_words_match_a_whole_initials_variant_not_across_two(register):
    rows, _held, _guests = register
    row = rows[0]._replace(name="张伟", employer_title="区财政局", mobile="", office_phone="",
                           haystack="张伟 区财政局  ", name_initials="zw zhw")
    for word, found in (("zw", True), ("hw", True), ("zhw", True), ("wz", False), ("w z", True), ("财政", True),
                        ("zx", False), ("zw 财政", True), ("zw 教育", False)):
        assert predicate(PeopleFilter(text=word, status=None))(row) is found, word
    assert predicate(PeopleFilter(text="wzh", status=None))(row) is False  # "zw zhw" holds "w zh", not "wzh"


def test_a_row_can_be_cleaned_for_a_document(register):
    rows, _held, _guests = register
    cleaned = fit_fields(rows[0]._replace(name="张\ufffe伟", notes="备\x07注"))
    assert type(cleaned) is PersonRow and (cleaned.name, cleaned.notes) == ("张伟", "备注")
    assert cleaned.held == rows[0].held and cleaned.id == rows[0].id


def _people_with(database, **memberships) -> dict[str, int]:
    from models.services.people import MembershipData, PersonData, create_person

    with database.session() as session:
        return {name: create_person(session, PersonData(name=name, memberships=[MembershipData(**m) for m in held]))
                for name, held in memberships.items()}


def test_several_membership_filters_hold_in_one_membership(database):
    """"区 + 常委" is someone who is 常委 of the 区政协, not a 市常委 who is also a 区委员."""
    from models.services.invitees import people_by_rule

    ids = _people_with(database, 钱市常=[{"level": "市", "role": "常委"}, {"level": "区", "role": "委员"}],
                       孙区常=[{"level": "区", "role": "常委"}],
                       李两届=[{"level": "区", "role": "委员", "term": "第十五届"},
                            {"level": "区", "role": "常委", "term": "第十六届"}])
    with database.session() as session:
        rows = load_people(session)

        def found(**wanted) -> set[str]:
            rule = PeopleFilter(status=None, **wanted)
            by_list = {rows[i].name for i in filter_rows(rows, rule)} & set(ids)
            assert by_list == {name for name, pid in ids.items() if pid in people_by_rule(session, rule)}
            return by_list

        assert found(level="区", role="常委") == {"孙区常", "李两届"}
        assert found(level="市", role="委员") == set()
        assert found(level="区", role="委员") == {"钱市常", "李两届"}
        assert found(role="常委", term="第十五届") == set()
        assert found(role="委员", term="第十五届", level="区") == {"李两届"}
        assert found(role="常委") == set(ids)  # one filter alone: any membership


@pytest.mark.parametrize("fields", [("level", "role"), ("level", "term"), ("level", "sector_id"),
                                    ("role", "committee_id"), ("level", "role", "term", "sector_id")])
def test_combined_filters_find_exactly_whom_the_database_finds_in_one_row(demo_database, fields):
    """Against the membership table: EXISTS one membership row meeting every condition."""
    from sqlalchemy import and_, exists

    with demo_database.session() as session:
        rows = load_people(session)
        combos = set(session.exec(select(*(getattr(Membership, f) for f in fields))).all())
        # and a few that no single membership holds, though different memberships may
        values = [sorted({c[i] for c in combos if c[i] is not None}, key=str) for i in range(len(fields))]
        combos |= {tuple(v[(k + i) % len(v)] for i, v in enumerate(values)) for k in range(5)}
        checked = 0
        for combo in combos:
            if None in combo:
                continue
            condition = and_(*(getattr(Membership, f) == v for f, v in zip(fields, combo, strict=True)))
            expected = set(session.exec(select(Person.id).where(
                exists().where(Membership.person_id == Person.id, condition))).all())
            rule = PeopleFilter(status=None, **dict(zip(fields, combo, strict=True)))
            found = {rows[i].id for i in filter_rows(rows, rule)}
            assert found == expected, combo
            checked += 1
    assert checked >= 5
