"""委员库 to Excel: the register as shown on screen, and the 委员花名册 grouped by 界别.

Both end with a column "编号（勿改）" holding the person's id, so that a file edited in Excel
and imported again updates the same people (models/imports/people_import.py) instead of
duplicating them.
"""

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from models.clock import today
from models.exports.xlsx_sheets import (
    BAND_FILL,
    CENTER,
    fit_columns,
    new_workbook,
    save_workbook,
    setup_page,
    write_band,
    write_header,
    write_row,
    write_subtitle,
    write_title,
)
from models.services.people_columns import COLUMNS_BY_KEY
from models.services.people_list import PersonRow

SEQ_HEADER = "序号"
ID_HEADER = "编号（勿改）"
BIRTH_FORMAT = "yyyy.mm"
NO_SECTOR = "未填界别"
ROSTER_HEADERS = (SEQ_HEADER, "姓名", "性别", "党派", "身份", "工作单位及职务", "手机", ID_HEADER)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def people_subtitle(description: str | None, count: int, on: date | None = None) -> str:
    """The line under the title: what was filtered, how many, when — "经济界别　共 30 人，导出于 2024年5月18日"."""
    tail = f"共 {count} 人，导出于 {chinese_date(on or today())}"
    return f"{description}　{tail}" if description else tail


def _birth_value(row: PersonRow):
    """A real date (1st of the month) shown as 1968.05; the year alone as a number."""
    if not row.birth_year:
        return None
    if row.birth_month:
        return date(row.birth_year, row.birth_month, 1)
    return row.birth_year


def _value(row: PersonRow, key: str):
    return _birth_value(row) if key == "birth" else COLUMNS_BY_KEY[key].excel(row)


def export_people(rows: Sequence[PersonRow], column_keys: Sequence[str], path, *, title: str,
                  subtitle: str | None = None) -> Path:
    """The list exactly as shown: `rows` in their order, 序号, the chosen columns, then 编号（勿改）.
    A4 landscape, title and header repeated on every printed page."""
    columns = [COLUMNS_BY_KEY[key] for key in column_keys]  # KeyError: a programming mistake
    headers = [SEQ_HEADER, *(column.header for column in columns), ID_HEADER]
    width = len(headers)
    workbook, ws = new_workbook("名单")
    row_no = write_title(ws, title, width)
    row_no = write_subtitle(ws, subtitle, width, row_no)
    header_row = row_no
    row_no = write_header(ws, headers, row_no)
    birth_column = list(column_keys).index("birth") + 2 if "birth" in column_keys else None
    for seq, person in enumerate(rows, start=1):
        values = [seq, *(_value(person, key) for key in column_keys), person.id]
        # Only a full year+month is a date; a year alone stays a plain number.
        dated = birth_column is not None and isinstance(values[birth_column - 1], date)
        row_no = write_row(ws, values, row_no, {birth_column: BIRTH_FORMAT} if dated else None)
    fit_columns(ws, header_row, row_no - 1)
    setup_page(ws, header_row=header_row, landscape=True)
    return save_workbook(workbook, path)


def _group_rows(rows: Sequence[PersonRow], sector_order: Sequence[str]) -> list[tuple[str, list[PersonRow]]]:
    """Members grouped by 界别: the given order first, other sectors by first appearance,
    members without a sector last; inside a group the rows' own order."""
    groups: dict[str, list[PersonRow]] = {}
    for person in rows:
        if person.levels:
            groups.setdefault(person.sector or NO_SECTOR, []).append(person)
    rank = {name: i for i, name in enumerate(sector_order)}
    appearance = {name: i for i, name in enumerate(groups)}

    def key(name: str):
        if name == NO_SECTOR and name not in rank:
            return (2, 0)
        return (0, rank[name]) if name in rank else (1, appearance[name])

    return [(name, groups[name]) for name in sorted(groups, key=key)]


def export_roster_by_sector(rows: Sequence[PersonRow], path, *, title: str, sector_order: Sequence[str]) -> Path:
    """委员花名册: members only, a merged heading row per 界别 ("经济（30人）"), 序号 restarting in
    each group, a closing "合计 N 人". A4 portrait: eight columns fit the width."""
    width = len(ROSTER_HEADERS)
    workbook, ws = new_workbook("花名册")
    row_no = write_title(ws, title, width)
    header_row = row_no
    row_no = write_header(ws, ROSTER_HEADERS, row_no)
    total = 0
    for sector, members in _group_rows(rows, sector_order):
        row_no = write_band(ws, row_no, f"{sector}（{len(members)}人）", width, fill=BAND_FILL, border=True,
                            height=20)
        for seq, person in enumerate(members, start=1):
            values = (seq, person.name, person.gender, person.party, person.role, person.employer_title,
                      person.mobile, person.id)
            row_no = write_row(ws, values, row_no)
        total += len(members)
    last_body = row_no - 1
    row_no = write_band(ws, row_no, f"合计 {total} 人", width, alignment=CENTER, border=True, height=20)
    fit_columns(ws, header_row, last_body)
    setup_page(ws, header_row=header_row, landscape=False)
    return save_workbook(workbook, path)
