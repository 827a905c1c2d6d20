"""一人一档 printed: one member's year on exactly one A4 portrait sheet.

The 履职积分表 is in score_table.py; the text both share in record_text.py.

Typical use::

    formats = format_infos(session)
    lines = scheme_lines(scheme, {f.code: f.name for f in formats if f.code})
    detail = member_detail(session, person_id, 2023, scheme, formats)
    pages = render_member_record_pdf(detail, committee_name(session), lines, path)        # always 1
    pages = render_member_records_pdf(details, committee, lines, path)                   # one page each

The one-member sheet, top to bottom: title; the bordered information grid; side by side the counts
(by meeting format, then the other counts) and the score worked out line by line (总分 and 等次 in 黑体);
the lists of meetings, visits and recommendations, then 编入专报 and 领导批示; at the foot of the page the
scheme in force under "积分办法" and "制表单位 … 制表日期 …". Everything but the lists has a bounded
height (long names and titles are cut to a few lines with "…"), so the lists get what is left of the
page: when they do not fit, the longest list loses its last row first, again and again, and each
shortened list ends with a row "另有N项未列出…". Text never gets smaller than 9 pt.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout

from models import clock
from models.errors import DomainError
from models.services.performance import Score
from models.services.performance_detail import MemberDetail
from models.services.performance_scheme import points_text

from .document_output import qt_page_layout, render_document, save_document_pdf
from .fonts import Face, font
from .layout import Document, Flow, PageGeometry, TextBlock
from .notice_text import month_day
from .record_text import TITLE_LINES, TITLE_POINTS, clipped, clipped_cells, member_record_title, short_reason, signature
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM

NONE = "—"
RIGHT = Qt.AlignmentFlag.AlignRight
# Narrow margins: the sheet is a form, and the more of the page the lists get, the fewer are shortened.
RECORD_PAGE = PageGeometry(width=210.0, height=297.0, top=12.0, bottom=12.0, left=18.0, right=18.0,
                           footer_y=290.0)
GRID_POINTS = 10.5  # 五号
COUNT_POINTS = 10.0
LIST_POINTS = 9.0  # the smallest type on the sheet
SCHEME_POINTS = 9.0
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
GAP_MM = 3.0  # between the parts of the sheet
LIST_GAP_MM = 2.0  # between two lists
HALF_GAP_MM = 6.0  # between the counts and the score, side by side
MORE = "另有{n}项未列出，详见系统内履职档案"  # the last row of a shortened list
EMPTY = "无"

GRID_STYLE = TableStyle(min_row=7.0, pad_x=1.5, pad_y=1.0, header_face=Face.HEI, show_header=False)
COUNT_STYLE = TableStyle(min_row=6.0, header_row=6.5, pad_x=1.2, pad_y=0.8, header_points=COUNT_POINTS)
FIGURE_STYLE = replace(COUNT_STYLE, show_header=False)
LIST_STYLE = TableStyle(min_row=5.2, header_row=5.6, pad_x=1.2, pad_y=0.5, header_points=LIST_POINTS,
                        heading_face=Face.SONG, heading_points=LIST_POINTS, heading_row=5.2, heading_align=CENTER)



# -- titles, dates, shortened text -------------------------------------------------------------------------

def _date(value) -> str:
    return month_day(value) if value else NONE


def _numbered(lines: Sequence[str]) -> str:
    """The scheme's sentences run on as one paragraph: "①基础分60分。②加分：…"."""
    marks = [CIRCLED[i] if i < len(CIRCLED) else f"({i + 1})" for i in range(len(lines))]
    return "".join(mark + line.strip() for mark, line in zip(marks, lines, strict=True))


# -- measuring with the table itself ---------------------------------------------------------------------

_SCRATCH = PageGeometry(height=100_000.0)


def _height(table: Table, rows: Sequence[Row]) -> float:
    """What the rows take on a page, measured by placing them on a very long scratch page."""
    flow = Flow(_SCRATCH)
    table.place(flow, rows)
    return flow.y - flow.geometry.y0


def _headless(table: Table) -> Table:
    return Table(table.columns, replace(table.style, show_header=False))


class _Beside:
    """Flows side by side on the same page: each is the page narrowed to its own column."""

    def __init__(self, flow: Flow, widths_mm: Sequence[float], gap_mm: float):
        self.flow = flow
        geometry = flow.geometry
        self.columns: list[Flow] = []
        left = geometry.left
        for width in widths_mm:
            narrow = replace(geometry, left=left, right=geometry.width - left - width)
            column = Flow(narrow)
            column.document = flow.document  # draws on the same pages
            column.y = flow.y
            self.columns.append(column)
            left += width + gap_mm

    def close(self) -> None:
        self.flow.y = max(column.y for column in self.columns)


# -- the one-member sheet -----------------------------------------------------------------------------------

def _grid_tables() -> list[Table]:
    """The information grid as stacked tables of the same width whose inner lines meet (174 mm)."""
    label = dict(align=CENTER, face=Face.HEI, points=GRID_POINTS)
    value = dict(points=GRID_POINTS)
    return [
        Table([Column("姓名", 22, **label), Column("", 36, **value, shrink_to=9.0), Column("性别", 22, **label),
               Column("", 10, CENTER, **value), Column("界别", 22, **label), Column("", 24, **value),
               Column("身份", 22, **label), Column("", 16, **value)], GRID_STYLE),
        Table([Column("专委会", 22, **label), Column("", 68, **value), Column("街镇联络组", 22, **label),
               Column("", 62, **value)], GRID_STYLE),
        Table([Column("工作单位\n及职务", 22, **label), Column("", 152, **value)], GRID_STYLE),
        Table([Column("任职情况", 22, **label), Column("", 152, **value)], GRID_STYLE),
    ]


def _grid(flow: Flow, detail: MemberDetail) -> None:
    a = detail.activity
    values = [
        (a.name, a.gender, a.sector, a.role),
        (a.committee, a.liaison_group),
        (a.employer_title,),
        (a.service_note or "全年在任",),
    ]
    for table, texts in zip(_grid_tables(), values, strict=True):
        limit = 3 if len(texts) == 1 else 2  # 工作单位及职务 and 任职情况 have the whole width
        cells = []
        for label, value, text in zip(table.columns[::2], table.columns[1::2], texts, strict=True):
            cells += [label.title, clipped_cells([value], table.style, [text or ""], limit)[0]]
        table.place(flow, [Row(cells=tuple(cells))])


def _format_tallies(detail: MemberDetail) -> list[tuple[str, int, int, int, int]]:
    """(format, invited, present, leave, absent) from the member's meetings: the formats the score counts,
    in the scheme's order, then the others as they first come in the year."""
    scored = [line.label.removeprefix("出席") for line in detail.score.lines if line.label.startswith("出席")]
    first = list(dict.fromkeys(m.format_name for m in detail.meetings))
    names = sorted(first, key=lambda name: (scored.index(name) if name in scored else len(scored), first.index(name)))
    rows = []
    for name in names:
        results = [m.result for m in detail.meetings if m.format_name == name]
        present, leave = results.count("出席"), results.count("请假")
        rows.append((name, len(results), present, leave, len(results) - present - leave))
    return rows


COUNT_COLUMNS = (Column("会议类别", 36, points=COUNT_POINTS), Column("应邀", 12, CENTER, points=COUNT_POINTS),
                 Column("出席", 12, CENTER, points=COUNT_POINTS), Column("请假", 12, CENTER, points=COUNT_POINTS),
                 Column("缺席", 12, CENTER, points=COUNT_POINTS))
FIGURE_COLUMNS = (Column("", 36, points=COUNT_POINTS), Column("", 48, CENTER, points=COUNT_POINTS))
TOTAL_FIGURE_COLUMNS = (Column("", 36, face=Face.HEI, points=COUNT_POINTS),
                        Column("", 12, CENTER, face=Face.HEI, points=COUNT_POINTS),
                        Column("", 12, CENTER, face=Face.HEI, points=COUNT_POINTS),
                        Column("", 12, CENTER, face=Face.HEI, points=COUNT_POINTS),
                        Column("", 12, CENTER, face=Face.HEI, points=COUNT_POINTS))
POINTS_COLUMNS = (Column("积分项目", 42, points=COUNT_POINTS, shrink_to=9.0),
                  Column("次数", 11, CENTER, points=COUNT_POINTS), Column("每次分值", 17, CENTER, points=COUNT_POINTS),
                  Column("得分", 14, CENTER, points=COUNT_POINTS))
RESULT_COLUMNS = (Column("", 70, CENTER, face=Face.HEI, points=COUNT_POINTS + 0.5),
                  Column("", 14, CENTER, face=Face.HEI, points=COUNT_POINTS + 0.5))
HALF_MM = 84.0


def _caption(flow: Flow, text: str, *, points: float = COUNT_POINTS + 0.5, after: float = 1.2) -> None:
    block = TextBlock(text, font(Face.HEI, points), flow.geometry.content_width)
    flow.block(block, after=after * MM)


def _counts(flow: Flow, detail: MemberDetail) -> None:
    a = detail.activity
    _caption(flow, "履职情况统计")
    tallies = _format_tallies(detail)
    rows = [Row(cells=clipped_cells(COUNT_COLUMNS, COUNT_STYLE, (name, *map(str, numbers)), 2))
            for name, *numbers in tallies] or [Row(cells=("（无）", "0", "0", "0", "0"))]
    Table(COUNT_COLUMNS, COUNT_STYLE).place(flow, rows)
    total = a.total
    Table(TOTAL_FIGURE_COLUMNS, FIGURE_STYLE).place(flow, [Row(cells=(
        "合计", str(total.invited), str(total.present), str(total.leave), str(total.absent)))])
    others = (("参加调研视察", f"{a.visits}次"), ("提出意见建议", f"{a.recommendations}条"),
              ("其中被采纳", f"{a.adopted}条"), ("编入专报", f"{a.bulletins}期"),
              ("获领导批示", f"{a.instructions}次"))
    Table(FIGURE_COLUMNS, FIGURE_STYLE).place(flow, [Row(cells=pair) for pair in others])


def score_rows(result: Score) -> list[tuple[str, str, str, str]]:
    """项目 / 次数 / 每次分值 / 得分 for each line, and a line for the cap or the floor when it applied,
    so that the 得分 column adds up to the 总分."""
    rows = []
    for line in result.lines:
        if line.label == "基础分":
            rows.append((line.label, NONE, NONE, points_text(line.points)))
        else:
            rows.append((line.label, str(line.count), points_text(line.each), points_text(line.points)))
    difference = round(result.total - result.raw, 2)
    if difference:
        label = (f"超过最高分{points_text(result.total)}分部分不计" if difference < 0
                 else "总分不低于0分")
        rows.append((label, NONE, NONE, points_text(difference)))
    return rows


def _score(flow: Flow, detail: MemberDetail) -> None:
    _caption(flow, "履职积分")
    rows = [Row(cells=clipped_cells(POINTS_COLUMNS, COUNT_STYLE, cells, 2)) for cells in score_rows(detail.score)]
    Table(POINTS_COLUMNS, COUNT_STYLE).place(flow, rows)
    result = detail.score
    rows = [Row(cells=clipped_cells(RESULT_COLUMNS, FIGURE_STYLE, cells, 2))
            for cells in (("总　分", result.text), ("等　次", result.band))]
    if detail.reminders:  # on paper too: the sheet is what the reminding talk is held over
        rows.append(Row(cells=clipped_cells(RESULT_COLUMNS, COUNT_STYLE,
                                     ("谈话提醒：" + "、".join(short_reason(r) for r in detail.reminders), ""), 2)))
    Table(RESULT_COLUMNS, FIGURE_STYLE).place(flow, rows)


@dataclass
class _Section:
    """One list on the sheet: its whole height for any number of rows shown, and how to place them."""

    count: int
    height: Callable[[int], float]
    place: Callable[[Flow, int], None]
    shown: int = 0


def _list_section(columns: Sequence[Column], caption_column: int, caption: str,
                  cells: Sequence[Sequence[str]]) -> _Section:
    """A ruled list whose header names it ("应邀参加会议活动（共5次）" over the titles). The titles show at
    most two lines, the other cells one."""
    heads = [replace(c, title=caption if i == caption_column else c.title) for i, c in enumerate(columns)]
    table = Table(heads, LIST_STYLE)
    limits = [2 if i == caption_column else 1 for i in range(len(columns))]
    rows = [Row(cells=clipped_cells(columns, LIST_STYLE, row, limits)) for row in cells]
    if not rows:
        empty = [""] * len(columns)
        empty[caption_column] = EMPTY
        rows_empty = [Row(cells=tuple(empty))]
        return _Section(0, lambda _shown: _height(table, rows_empty),
                        lambda flow, _shown: table.place(flow, rows_empty))
    single = _headless(table)
    header = _height(table, [])
    each = [_height(single, [row]) for row in rows]
    more_rows = {}

    def more(shown: int) -> list[Row]:
        return [Row(heading=MORE.format(n=len(rows) - shown))] if shown < len(rows) else []

    def height(shown: int) -> float:
        if shown not in more_rows:
            more_rows[shown] = _height(single, more(shown)) if shown < len(rows) else 0.0
        return header + sum(each[:shown]) + more_rows[shown]

    def place(flow: Flow, shown: int) -> None:
        table.place(flow, rows[:shown] + more(shown))

    return _Section(len(rows), height, place)


PAPERS_COLUMNS = (Column("", 26, CENTER, face=Face.HEI, points=LIST_POINTS), Column("", 148, points=LIST_POINTS))


def _papers_section(label: str, unit: str, items: Sequence[str]) -> _Section:
    """编入专报 / 获领导批示: a labelled row of the items run on ("…；…"), shortened like the lists."""
    table = Table(PAPERS_COLUMNS, replace(LIST_STYLE, show_header=False))
    head = f"{label}\n（{len(items)}{unit}）" if items else label
    width = (PAPERS_COLUMNS[1].width - 2 * LIST_STYLE.pad_x) * MM
    face_font = font(Face.SONG, LIST_POINTS)
    items = [clipped(item, face_font, width, 1) for item in items]  # an item never takes more than a line
    cache_rows: dict[int, Row] = {}

    def row(shown: int) -> Row:
        if shown not in cache_rows:
            if not items:
                text = EMPTY
            else:
                text = "；".join(items[:shown])
                if shown < len(items):
                    text += ("；" if shown else "") + MORE.format(n=len(items) - shown)
                else:
                    text += "。"
            cache_rows[shown] = Row(cells=(head, text))
        return cache_rows[shown]

    heights: dict[int, float] = {}

    def height(shown: int) -> float:
        if shown not in heights:
            heights[shown] = _height(table, [row(shown)])
        return heights[shown]

    return _Section(len(items), height, lambda flow, shown: table.place(flow, [row(shown)]))


MEETING_COLUMNS = (Column("日期", 17, CENTER, points=LIST_POINTS), Column("会议活动", 101, points=LIST_POINTS),
                   Column("会议类别", 30, CENTER, points=LIST_POINTS), Column("身份", 13, CENTER, points=LIST_POINTS),
                   Column("结果", 13, CENTER, points=LIST_POINTS))
VISIT_COLUMNS = (Column("日期", 17, CENTER, points=LIST_POINTS), Column("调研视察", 118, points=LIST_POINTS),
                 Column("形式", 26, CENTER, points=LIST_POINTS), Column("身份", 13, CENTER, points=LIST_POINTS))
RECOMMENDATION_COLUMNS = (Column("意见建议", 72, points=LIST_POINTS), Column("来源", 67, points=LIST_POINTS),
                          Column("办理结果", 35, CENTER, points=LIST_POINTS))


def _sections(detail: MemberDetail) -> list[_Section]:
    meetings = [(_date(m.when), m.title, m.format_name, m.role, m.result) for m in detail.meetings]
    visits = [(_date(v.when), v.title, v.kind, v.role) for v in detail.visits]
    recommendations = [(r.title, r.source, r.outcome or r.status) for r in detail.recommendations]
    instructions = [f"{_date(i.when)}{i.leader}批示{i.on}" for i in detail.instructions]
    return [
        _list_section(MEETING_COLUMNS, 1, f"应邀参加会议活动（共{len(meetings)}次）", meetings),
        _list_section(VISIT_COLUMNS, 1, f"参加调研视察（共{len(visits)}次）", visits),
        _list_section(RECOMMENDATION_COLUMNS, 0, f"提出意见建议（共{len(recommendations)}条）", recommendations),
        _papers_section("编入专报", "期", detail.bulletins),
        _papers_section("获领导批示", "次", instructions),
    ]


def _fit_sections(sections: Sequence[_Section], room: float, gap: float) -> None:
    """Show every row if it fits; else take the last row off the list showing the most (the later list on
    a tie) until the lists fit in `room` or show no rows at all."""
    for section in sections:
        section.shown = section.count

    def total() -> float:
        return sum(s.height(s.shown) for s in sections) + gap * (len(sections) - 1)

    while total() > room + 0.5:
        longest = max(range(len(sections)), key=lambda i: (sections[i].shown, i))
        if sections[longest].shown == 0:
            return
        sections[longest].shown -= 1
    for section in sections:  # a row taken off one list may have made room for a row back on another
        while section.shown < section.count:
            section.shown += 1
            if total() > room + 0.5:
                section.shown -= 1
                break


def _scheme_blocks(scheme_lines: Sequence[str], committee: str, printed_on: date, width: float):
    heading = TextBlock("积分办法", font(Face.HEI, SCHEME_POINTS + 0.5), width)
    body = TextBlock(_numbered(scheme_lines), font(Face.SONG, SCHEME_POINTS), width)
    signed = TextBlock(signature(committee, printed_on, GRID_POINTS, width), font(Face.SONG, GRID_POINTS), width,
                       align=RIGHT)
    return heading, body, signed




def member_record_document(detail: MemberDetail, committee: str, scheme_lines: Sequence[str],
                           printed_on: date | None = None) -> Document:
    """One member's year on one A4 portrait page (see the module's description)."""
    printed_on = printed_on or clock.today()
    flow = Flow(RECORD_PAGE)
    width = flow.geometry.content_width
    title_font = font(Face.TITLE, TITLE_POINTS)
    title = clipped(member_record_title(committee, detail.year), title_font, width, TITLE_LINES)
    flow.block(TextBlock(title, title_font, width, align=CENTER), after=GAP_MM * MM)
    _grid(flow, detail)
    flow.skip(GAP_MM * MM)
    beside = _Beside(flow, (HALF_MM, HALF_MM), flow.geometry.content_width / MM - 2 * HALF_MM)
    _counts(beside.columns[0], detail)
    _score(beside.columns[1], detail)
    beside.close()
    flow.skip(GAP_MM * MM)

    heading, body, signed = _scheme_blocks(scheme_lines, committee, printed_on, width)
    foot = heading.height + 0.8 * MM + body.height + 2.0 * MM + signed.height
    sections = _sections(detail)
    _fit_sections(sections, flow.room - foot - GAP_MM * MM, LIST_GAP_MM * MM)
    for index, section in enumerate(sections):
        section.place(flow, section.shown)
        if index < len(sections) - 1:
            flow.skip(LIST_GAP_MM * MM)
    # The scheme and the signature sit at the foot of the page, the same place on every member's sheet.
    flow.y = max(flow.y + GAP_MM * MM, flow.geometry.y1 - foot)
    flow.block(heading, after=0.8 * MM)
    flow.block(body, after=2.0 * MM)
    flow.block(signed)
    return flow.document


def member_records_document(details: Sequence[MemberDetail], committee: str, scheme_lines: Sequence[str],
                            printed_on: date | None = None) -> Document:
    """Many members' sheets in one document, one page each (no page numbers: each sheet stands alone)."""
    if not details:
        raise DomainError("没有要打印的委员履职档案。")
    printed_on = printed_on or clock.today()
    pages = []
    for detail in details:
        pages += member_record_document(detail, committee, scheme_lines, printed_on).pages
    return Document(RECORD_PAGE, pages, numbered=False)


def _file_title(details: Sequence[MemberDetail], committee: str) -> str:
    first = details[0]
    if len(details) == 1:
        return f"{first.activity.name}{first.year}年度履职档案"
    return member_record_title(committee, first.year)


# -- onto a device / into a file ---------------------------------------------------------------------------

def member_record_layout(*_data, **_options) -> QPageLayout:
    """A4 portrait, to set on the QPrinter before the preview (arguments accepted and ignored)."""
    return qt_page_layout(RECORD_PAGE)


def render_member_record(detail: MemberDetail, committee: str, scheme_lines: Sequence[str],
                         device: QPagedPaintDevice, printed_on: date | None = None) -> int:
    return render_document(member_record_document(detail, committee, scheme_lines, printed_on), device)


def render_member_record_pdf(detail: MemberDetail, committee: str, scheme_lines: Sequence[str], path,
                             printed_on: date | None = None) -> int:
    document = member_record_document(detail, committee, scheme_lines, printed_on)
    return save_document_pdf(document, _file_title([detail], committee), path)


def render_member_records(details: Sequence[MemberDetail], committee: str, scheme_lines: Sequence[str],
                          device: QPagedPaintDevice, printed_on: date | None = None) -> int:
    return render_document(member_records_document(details, committee, scheme_lines, printed_on), device)


def render_member_records_pdf(details: Sequence[MemberDetail], committee: str, scheme_lines: Sequence[str], path,
                              printed_on: date | None = None) -> int:
    document = member_records_document(details, committee, scheme_lines, printed_on)
    return save_document_pdf(document, _file_title(details, committee), path)


__all__ = ["member_record_document", "member_record_layout", "member_records_document", "render_member_record",
           "render_member_record_pdf", "render_member_records", "render_member_records_pdf", "score_rows"]
