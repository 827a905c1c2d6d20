"""Text no file format can hold (U+FFFE, control characters, lone surrogates): the services never store it,
and every document is still produced — with the rest of the text — from data stored before that rule."""

import dataclasses
from datetime import date, datetime

import docx
import openpyxl
import pytest
from sqlalchemy import text

from models.exports.bulletin_docx import export_bulletin_docx
from models.exports.people_xlsx import export_roster_by_sector
from models.printing import SheetInput, SheetKind, SheetOptions, render_bulletin_pdf, render_pdf
from models.services.common import meeting_format_id
from models.services.invitees import invite
from models.services.lookups import list_values
from models.services.meeting_queries import get_meeting, list_agenda, list_invitees
from models.services.meetings import create_meeting
from models.services.people import MembershipData, PersonData, create_person
from models.services.people_list import load_people
from models.services.recommendation_queries import get_bulletin
from models.services.recommendations import add_recommendation, create_bulletin
from models.text import clean_block, clean_line, fit_text
from models.vocab import RecommendationSource

from .printing_fixtures import pdf_pages, squeeze

STORABLE = "\ufffe\x07\uffff"  # valid UTF-8, so old data may hold it; XML (xlsx, docx) refuses it
SURROGATE = "\ud800"  # cannot even be encoded: a service handed it used to fail saving
# What each document must still say once the unfit characters are gone.
CLEAN = {"name": "周晓婷", "employer": "区教育局局长", "meeting": "完善社区卫生服务体系",
         "title": "关于打造消费新高地的意见建议", "intro": "区政协召开专题协商会。",
         "rec_title": "加快街区改造", "content": "建议加强统筹协调。"}
# Where each value is stored: (table, column, the clean value with dirt put in the middle).
STORED = {"name": ("person", "name"), "employer": ("person", "employer_title"), "meeting": ("meeting", "title"),
          "title": ("bulletin", "title"), "intro": ("bulletin", "introduction"),
          "rec_title": ("recommendation", "title"), "content": ("recommendation", "content")}


def dirty(key: str, dirt: str) -> str:
    text = CLEAN[key]
    return text[:2] + dirt + text[2:]


def test_the_rule():
    assert fit_text("a\ufffeb\x07c\ud800d\U0010ffff\x85e") == "abcde"
    assert fit_text("行一\n\t行二\r\n") == "行一\n\t行二\r\n"  # line breaks and tabs are text
    assert fit_text("\ud83d\ude00") == "😀"  # a surrogate pair from a bad decode is the character it encodes
    assert clean_line(" 周\ufffe晓婷\t ") == "周晓婷"
    assert clean_block("第一段\ud800\n第二段\x07") == "第一段\n第二段"


def build(database, dirt: str) -> tuple[int, int]:
    """One member, one meeting inviting them, one bulletin with one recommendation, each text with `dirt`."""
    with database.session() as session:
        sector = next(v.id for v in list_values(session, "sector") if v.name == "经济")
        person_id = create_person(session, PersonData(
            name=dirty("name", dirt), employer_title=dirty("employer", dirt),
            memberships=[MembershipData(level="区", term="第十六届", sector_id=sector)]))
        meeting_id = create_meeting(session, format_id=meeting_format_id(session, "bimonthly"),
                                    title=f"“{dirty('meeting', dirt)}”专题双月协商会",
                                    starts_at=datetime(2024, 5, 20, 9, 0), venue="区政协302会议室")
        invite(session, meeting_id, person_id)
        rec = add_recommendation(session, title=dirty("rec_title", dirt), content=dirty("content", dirt),
                                 year=2024, source_kind=RecommendationSource.PROPOSAL)
        bulletin_id = create_bulletin(session, year=2024, issue_no=1, title=dirty("title", dirt),
                                      issued_on=date(2024, 5, 28), introduction=dirty("intro", dirt),
                                      recommendation_ids=[rec])
    return meeting_id, bulletin_id


def stored(database) -> dict[str, str]:
    with database.engine.connect() as connection:
        return {key: connection.execute(text(f"SELECT {column} FROM {table}")).scalar_one()
                for key, (table, column) in STORED.items()}


def spoil(database) -> None:
    """Put the characters into every stored text behind the services' back, as data from before the rule."""
    with database.engine.begin() as connection:
        for key, (table, column) in STORED.items():
            old = connection.execute(text(f"SELECT {column} FROM {table}")).scalar_one()
            connection.execute(text(f"UPDATE {table} SET {column} = :new"),
                               {"new": old.replace(CLEAN[key], dirty(key, STORABLE))})


def documents(database, meeting_id: int, bulletin_id: int, folder, change=lambda row: row) -> dict[str, str]:
    """Every document these texts reach, produced the way the app does, read back as (squeezed) text.
    `change` may alter the rows read from the database before they are written out."""
    with database.session() as session:
        bulletin = change(get_bulletin(session, bulletin_id))
        people = [change(row) for row in load_people(session)]
        invitees = [change(row) for row in list_invitees(session, meeting_id)]
        sheet = SheetInput(change(get_meeting(session, meeting_id)), invitees, list_agenda(session, meeting_id),
                           SheetOptions())
    texts = {}
    path = export_bulletin_docx(bulletin, folder / "专报.docx")
    texts["docx"] = "".join(p.text for p in docx.Document(str(path)).paragraphs)
    render_bulletin_pdf(bulletin, folder / "专报.pdf")
    texts["bulletin pdf"] = "".join(pdf_pages(folder / "专报.pdf"))
    path = export_roster_by_sector(people, folder / "花名册.xlsx", title="花名册", sector_order=["经济"])
    texts["roster"] = "".join(str(c.value) for row in openpyxl.load_workbook(path).active.iter_rows() for c in row
                              if c.value is not None)
    for kind, name in ((SheetKind.SIGN_IN, "签到表"), (SheetKind.NOTICE, "通知")):
        render_pdf(kind, sheet, folder / f"{name}.pdf")
        texts[name] = "".join(pdf_pages(folder / f"{name}.pdf"))
    return {kind: squeeze(text) for kind, text in texts.items()}


BULLETIN = ("title", "intro", "rec_title", "content")
EXPECTED = {"docx": BULLETIN, "bulletin pdf": BULLETIN,
            "roster": ("name", "employer"), "签到表": ("name", "employer", "meeting"), "通知": ("meeting",)}


def check(texts: dict[str, str]) -> None:
    assert set(texts) == set(EXPECTED)
    for kind, keys in EXPECTED.items():
        for key in keys:
            assert CLEAN[key] in texts[kind], f"{kind}: {CLEAN[key]} missing"
        assert not any(ch in texts[kind] for ch in STORABLE + SURROGATE), kind


def test_services_store_only_text_every_format_can_hold(qapp, database, tmp_path):
    meeting_id, bulletin_id = build(database, STORABLE + SURROGATE)
    values = stored(database)
    assert values["name"] == CLEAN["name"] and values["content"] == CLEAN["content"]
    assert all(CLEAN[key] in value for key, value in values.items())
    check(documents(database, meeting_id, bulletin_id, tmp_path))


def test_documents_are_produced_from_text_stored_before_the_rule(qapp, database, tmp_path):
    meeting_id, bulletin_id = build(database, "")
    spoil(database)
    assert stored(database)["intro"] == dirty("intro", STORABLE)
    check(documents(database, meeting_id, bulletin_id, tmp_path))


@pytest.mark.parametrize("dirt", [STORABLE, SURROGATE])
def test_every_writer_cleans_what_it_is_given(qapp, database, tmp_path, dirt):
    """The writers themselves clean: rows handed to them with such characters in every text still print."""
    meeting_id, bulletin_id = build(database, "")

    def soil(row):
        tuple_row = hasattr(row, "_replace")  # the register's rows are named tuples, the others dataclasses
        texts = row._asdict() if tuple_row else {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
        soiled = {name: value.replace(clean, dirty(key, dirt)) for name, value in texts.items()
                  if isinstance(value, str) for key, clean in CLEAN.items() if clean in value}
        if tuple_row:
            return row._replace(**soiled)
        return dataclasses.replace(row, **soiled,
                                   **({"items": tuple(soil(item) for item in row.items)} if "items" in texts else {}))

    check(documents(database, meeting_id, bulletin_id, tmp_path, change=soil))
