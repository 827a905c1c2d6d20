"""年度统计 and 履职档案 to Excel, one printable table per sheet.

export_overview — the statistics of a year (or a date range), sheets in this order:
    概况            项目 / 单位 / 本期 / 上年同期 / 增减 (the comparison), then 报告文字 (the report paragraph);
                    for a date range a note that 委员履职 is yearly and left out
    会议活动        形式 / 场次 / 意见建议（条） / 方面, a 其他来源 row when recommendations came from
                    elsewhere, 合计
    会议明细        序号 / 日期 / 形式 / 会议名称 / 议题 / 应到 / 实到 / 请假 / 缺席 / 出席率 / 意见建议, 合计
    参加人次        人员类别 / 应邀人次 / 出席人次 / 出席人数, 合计
    调研            序号 / 日期 / 类别 / 标题 / 地点 / 调研单位 / 参加人员 / 意见建议条数 (date ascending), 合计
    意见建议按方面  序号 / 方面 / 条数, a 未分方面 row when some have none, 合计
    办理情况        分类 / 项目 / 条数 / 占比: by status, by outcome, and the adoption rate
    委员履职        only for a whole year: the member table of export_member_records

export_member_records — 履职档案 of one year:
    履职档案        one row per member, two header rows (a format's name over its 应邀/出席/请假/缺席),
                    a 合计 row, the band distribution and the scheme in force below the table
    谈话提醒        序号 / 姓名 / 界别 / 积分 / 等次 / 原因
    积分办法        序号 / 内容: the scheme's lines

Every count is a number, every rate a number with a % format, every date a date; totals are values
(not formulas), so a file read back by a program that does not compute formulas sees them.  增减 is the
difference as a number shown "+3" / "-2" / "持平" ("+5.2个百分点" for a rate) by its number format.
"""

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from sqlmodel import Session

from models.exports.xlsx_sheets import (
    BAND_FONT,
    CENTER,
    SUBTITLE_FONT,
    finish_table,
    fit_columns,
    fit_row_heights,
    new_workbook,
    save_workbook,
    setup_page,
    write_band,
    write_group_header,
    write_header,
    write_paragraph,
    write_row,
    write_subtitle,
    write_title,
    write_total_row,
)
from models.exports.xlsx_stream import Sheet
from models.services.app_settings import committee_name
from models.services.counts import Scope, meetings_by_format
from models.services.performance import (
    FormatInfo,
    MemberRecord,
    Tally,
    band_counts,
    format_infos,
    member_activities,
    member_records,
)
from models.services.performance_scheme import Scheme, get_scheme, scheme_lines
from models.services.research import list_visits
from models.services.statistics import (
    ComparisonLine,
    Overview,
    comparison,
    is_whole_year,
    overview,
    report_paragraph,
    visit_ids,
)
from models.vocab import ADOPTED_OUTCOMES, Level

PERCENT_FORMAT = "0.0%"
CHANGE_FORMAT = '"+"0;"-"0;"持平"'
RATE_CHANGE_FORMAT = '"+"0.0"个百分点";"-"0.0"个百分点";"持平"'
UNKNOWN = "—"
TOTAL = "合计"
TALLY_HEADERS = ("应邀", "出席", "请假", "缺席")
NUMBER_WIDTH = 6  # the count columns of the member table: 4 digits, or a two-character header
DATE_WIDTH = 15  # "2023年12月31日": three 宋体 characters are a little wider than six units
MEMBER_FIXED = ("序号", "姓名", "界别", "专委会", "街镇联络组", "身份")
MEMBER_TAIL = ("调研", "意见建议", "被采纳", "专报", "批示", "积分", "等次", "备注")
MEMBER_WIDTHS = {"姓名": (6, 10), "界别": (6, 16), "专委会": (6, 20), "街镇联络组": (6, 18), "备注": (16, 36)}
RANGE_NOTE = ("注：委员履职情况按年度统计，本次按日期范围统计，未包含“委员履职”表；"
              "如需委员履职情况，请按年度导出或导出履职档案。")


def _number(value: float | None) -> float | int | None:
    """73.0 → 73, so a whole score reads as a whole number."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _cap_widths(ws: Sheet, headers: Sequence[str], limits: dict[str, tuple[int, int]]) -> None:
    for header, (minimum, maximum) in limits.items():
        if header in headers:
            dimension = ws.column_dimensions[get_column_letter(headers.index(header) + 1)]
            dimension.width = max(minimum, min(maximum, dimension.width or minimum))


def _table(ws: Sheet, title: str, subtitle: str, headers: Sequence[str]) -> tuple[int, int]:
    """Title, subtitle and header; returns (header row, first body row)."""
    row = write_title(ws, title, len(headers))
    row = write_subtitle(ws, subtitle, len(headers), row)
    return row, write_header(ws, headers, row)


def _period_subtitle(label: str, units: str) -> str:
    return f"统计期间：{label}　单位：{units}"


# -- 概况 ------------------------------------------------------------------------------------------------------

OVERVIEW_HEADERS = ("项目", "单位", "本期", "上年同期", "增减")


def _comparison_values(line: ComparisonLine) -> tuple[list, dict[int, str]]:
    def side(value):
        return UNKNOWN if value is None else _number(value)

    if line.current is None or line.previous is None:
        change = UNKNOWN
    elif line.is_rate:
        change = round((line.current - line.previous) * 100, 1)
    else:
        change = _number(line.current - line.previous)
    formats = {5: RATE_CHANGE_FORMAT if line.is_rate else CHANGE_FORMAT}
    if line.is_rate:
        formats.update({3: PERCENT_FORMAT, 4: PERCENT_FORMAT})
    return [line.label, line.unit, side(line.current), side(line.previous), change], formats


def _units(lines: list[ComparisonLine]) -> str:
    return "、".join(dict.fromkeys(line.unit for line in lines if line.unit != "%"))


def _overview_sheet(ws: Sheet, ov: Overview, title: str, *, whole_year: bool) -> None:
    lines = comparison(ov)
    width = len(OVERVIEW_HEADERS)
    subtitle = f"统计期间：{ov.current.label}　上年同期：{ov.previous.label}　单位：{_units(lines)}"
    header_row, row = _table(ws, title, subtitle, OVERVIEW_HEADERS)
    for line in lines:
        values, formats = _comparison_values(line)
        row = write_row(ws, values, row, formats)
    finish_table(ws, header_row=header_row, last_row=row - 1)
    _cap_widths(ws, OVERVIEW_HEADERS, {"项目": (18, 30), "单位": (6, 6), "本期": (10, 14), "上年同期": (10, 14),
                                       "增减": (14, 16)})
    row = write_band(ws, row + 1, "报告文字", width, font=BAND_FONT)
    row = write_paragraph(ws, row, report_paragraph(ov), width)
    if not whole_year:
        write_paragraph(ws, row + 1, RANGE_NOTE, width, font=SUBTITLE_FONT)


# -- 会议活动, 会议明细, 参加人次 --------------------------------------------------------------------------------

FORMAT_HEADERS = ("形式", "场次", "意见建议（条）", "方面")
MEETING_HEADERS = ("序号", "日期", "形式", "会议名称", "议题", "应到", "实到", "请假", "缺席", "出席率", "意见建议")
LEVEL_HEADERS = ("人员类别", "应邀人次", "出席人次", "出席人数")
MEETING_WIDTHS = {"序号": (6, 6), "日期": (DATE_WIDTH, DATE_WIDTH), "会议名称": (16, 36), "议题": (16, 36),
                  "形式": (10, 16), "出席率": (8, 8), "意见建议": (10, 10)}  # header → (minimum, maximum)
OTHER_SOURCES = "其他来源"


def _formats_sheet(ws: Sheet, ov: Overview, title: str) -> None:
    period = ov.current
    header_row, row = _table(ws, title, _period_subtitle(period.label, "场、条、个"), FORMAT_HEADERS)
    lines = [[f.name, f.meetings, f.recommendations, f.aspects] for f in period.formats]
    if period.other_recommendations:
        other_aspects = max(0, period.figures.aspects - sum(f.aspects for f in period.formats))
        lines.append([OTHER_SOURCES, None, period.other_recommendations, other_aspects])
    for values in lines:
        row = write_row(ws, values, row)
    totals = [TOTAL, *(sum(values[i] or 0 for values in lines) for i in (1, 2, 3))]
    row = write_total_row(ws, totals, row)
    finish_table(ws, header_row=header_row, last_row=row - 1)
    _cap_widths(ws, FORMAT_HEADERS, {"形式": (16, 30), "场次": (8, 10), "意见建议（条）": (16, 16), "方面": (8, 10)})


def _meetings_sheet(ws: Sheet, ov: Overview, title: str) -> None:
    header_row, row = _table(ws, title, _period_subtitle(ov.current.label, "人、条"), MEETING_HEADERS)
    rate = {10: PERCENT_FORMAT}
    for seq, m in enumerate(ov.meetings, start=1):
        values = [seq, _day(m.starts_at), m.format_name, m.title, m.topic_title or None, m.expected, m.present,
                  m.leave, m.absent, _share(m.present, m.expected), m.recommendations]
        row = write_row(ws, values, row, rate)
    sums = [sum(getattr(m, attr) for m in ov.meetings)
            for attr in ("expected", "present", "leave", "absent", "recommendations")]
    totals = [f"{TOTAL}（{len(ov.meetings)}场）", None, None, None, None, *sums[:4], _share(sums[1], sums[0]), sums[4]]
    row = write_total_row(ws, totals, row, rate, label_span=5)
    finish_table(ws, header_row=header_row, last_row=row - 1, landscape=True)
    _cap_widths(ws, MEETING_HEADERS, MEETING_WIDTHS)


def _levels_sheet(ws: Sheet, ov: Overview, title: str) -> None:
    header_row, row = _table(ws, title, _period_subtitle(ov.current.label, "人次、人"), LEVEL_HEADERS)
    levels = ov.current.participation
    for line in levels:
        row = write_row(ws, [line.label, line.invited, line.present, line.people], row)
    totals = [TOTAL, *(sum(getattr(line, attr) for line in levels) for attr in ("invited", "present", "people"))]
    row = write_total_row(ws, totals, row)
    finish_table(ws, header_row=header_row, last_row=row - 1)
    _cap_widths(ws, LEVEL_HEADERS, {"人员类别": (20, 24), "应邀人次": (12, 12), "出席人次": (12, 12),
                                    "出席人数": (12, 12)})


# -- 调研, 意见建议按方面, 办理情况 ---------------------------------------------------------------------------------

VISIT_HEADERS = ("序号", "日期", "类别", "标题", "地点", "调研单位", "参加人员", "意见建议条数")
VISIT_WIDTHS = {"序号": (6, 6), "日期": (DATE_WIDTH, DATE_WIDTH), "标题": (16, 30), "地点": (10, 20),
                "调研单位": (12, 30), "参加人员": (16, 40), "意见建议条数": (14, 14)}
ASPECT_HEADERS = ("序号", "方面", "条数")
HANDLING_HEADERS = ("分类", "项目", "条数", "占比")
NO_ASPECT = "未分方面"


def _visits_sheet(ws: Sheet, session: Session, scope: Scope, label: str, title: str) -> None:
    ids = visit_ids(session, scope)
    by_id = {v.id: v for v in list_visits(session, ids=ids)}
    visits = [by_id[i] for i in ids if i in by_id]  # visit_ids is date ascending; list_visits newest first
    header_row, row = _table(ws, title, _period_subtitle(label, "次、条"), VISIT_HEADERS)
    for seq, v in enumerate(visits, start=1):
        values = [seq, v.visit_date, v.kind, v.title, v.place or None, v.organizations or None,
                  v.participants or None, v.recommendations]
        row = write_row(ws, values, row)
    totals = [f"{TOTAL}（{len(visits)}次）", *([None] * 6), sum(v.recommendations for v in visits)]
    row = write_total_row(ws, totals, row, label_span=7)
    finish_table(ws, header_row=header_row, last_row=row - 1, landscape=True)
    _cap_widths(ws, VISIT_HEADERS, VISIT_WIDTHS)


def _aspects_sheet(ws: Sheet, ov: Overview, title: str) -> None:
    fig = ov.current.figures
    header_row, row = _table(ws, title, _period_subtitle(ov.current.label, "条"), ASPECT_HEADERS)
    lines = list(fig.by_aspect)
    without = fig.recommendations - sum(n for _name, n in lines)
    if without:
        lines.append((NO_ASPECT, without))
    for seq, (name, count) in enumerate(lines, start=1):
        row = write_row(ws, [seq, name, count], row)
    row = write_total_row(ws, [TOTAL, None, sum(n for _name, n in lines)], row, label_span=2)
    finish_table(ws, header_row=header_row, last_row=row - 1)
    _cap_widths(ws, ASPECT_HEADERS, {"序号": (6, 6), "方面": (30, 50), "条数": (10, 10)})


def _handling_sheet(ws: Sheet, ov: Overview, title: str) -> None:
    fig = ov.current.figures
    header_row, row = _table(ws, title, _period_subtitle(ov.current.label, "条"), HANDLING_HEADERS)
    rate = {4: PERCENT_FORMAT}
    decided = sum(fig.by_outcome.values())
    adopted = sum(fig.by_outcome.get(str(o), 0) for o in ADOPTED_OUTCOMES)
    groups = [("办理状态", [(status, n, _share(n, fig.recommendations)) for status, n in fig.by_status.items()],
               ("合计", sum(fig.by_status.values()), _share(sum(fig.by_status.values()), fig.recommendations))),
              ("办理结果", [(outcome, n, _share(n, decided)) for outcome, n in fig.by_outcome.items()],
               ("已有办理结果合计", decided, 1.0 if decided else None))]
    for name, lines, (total_label, total, share) in groups:
        first = row
        for label, n, part in lines:
            row = write_row(ws, [name, label, n, part], row, rate)
        row = write_total_row(ws, [name, total_label, total, share], row, rate)
        _merge_down(ws, 1, first, row - 1)
    row = write_total_row(ws, ["采纳率", "（采纳＋部分采纳）÷已有办理结果", adopted, fig.adoption_rate], row, rate)
    finish_table(ws, header_row=header_row, last_row=row - 1)
    _cap_widths(ws, HANDLING_HEADERS, {"分类": (10, 10), "项目": (22, 34), "条数": (10, 10), "占比": (10, 10)})


def _merge_down(ws: Sheet, column: int, first: int, last: int) -> None:
    if last > first:
        ws.cell(row=first, column=column).alignment = CENTER
        ws.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


# -- the member table (履职档案, and 委员履职 in the overview) ---------------------------------------------------------

def _shown_formats(session: Session, year: int, records: list[MemberRecord]) -> list[FormatInfo]:
    """Formats with held meetings in the year, or with a tally on any record, in the lookup's order."""
    held = set(meetings_by_format(session, Scope(year=year)))
    used = {key for record in records for key in record.activity.meetings}
    return [f for f in format_infos(session) if f.name in held or f.key in used]


def member_groups(formats: Sequence[FormatInfo]) -> list[tuple[str, tuple[str, ...]]]:
    """The two header rows: fixed columns, 应邀/出席/请假/缺席 under each format and under 合计, the rest."""
    return [*((h, ()) for h in MEMBER_FIXED), *((f.name, TALLY_HEADERS) for f in formats),
            (TOTAL, TALLY_HEADERS), *((h, ()) for h in MEMBER_TAIL)]


def _tally(t: Tally | None) -> list[int]:
    t = t or Tally()
    return [t.invited, t.present, t.leave, t.absent]


def note_text(record: MemberRecord) -> str:
    """备注: "2023年7月1日起任委员；积分55分，低于60分（不称职）"."""
    return "；".join(part for part in (record.activity.service_note, *record.reminders) if part)


def member_values(seq: int, record: MemberRecord, formats: Sequence[FormatInfo]) -> list:
    a = record.activity
    counts = [n for f in formats for n in _tally(a.meetings.get(f.key))]
    return [seq, a.name, a.sector or None, a.committee or None, a.liaison_group or None, a.role or None, *counts,
            *_tally(a.total), a.visits, a.recommendations, a.adopted, a.bulletins, a.instructions,
            _number(record.score.total), record.score.band, note_text(record) or None]


def _member_table(ws: Sheet, title: str, subtitle: str, records: list[MemberRecord],
                  formats: list[FormatInfo], scheme: Scheme, lines: list[str]) -> None:
    groups = member_groups(formats)
    width = sum(len(subs) or 1 for _name, subs in groups)
    fixed = len(MEMBER_FIXED)
    row = write_title(ws, title, width)
    row = write_subtitle(ws, subtitle, width, row)
    top = row
    row = write_group_header(ws, groups, row)
    header_row = row - 1
    bodies = [member_values(seq, record, formats) for seq, record in enumerate(records, start=1)]
    for values in bodies:
        row = write_row(ws, values, row)
    counted = range(fixed, width - 3)  # 0-based: every tally, 调研 … 批示
    totals = [f"{TOTAL}（{len(records)}人）", *([None] * (fixed - 1)),
              *(sum(values[i] for values in bodies) for i in counted), None, None, None]
    row = write_total_row(ws, totals, row, label_span=fixed)
    fit_columns(ws, top, row - 1)
    for column in range(fixed + 1, width - 1):  # the tallies, 调研 … 积分
        ws.column_dimensions[get_column_letter(column)].width = NUMBER_WIDTH
    headers = [*MEMBER_FIXED, *([""] * (width - fixed - len(MEMBER_TAIL))), *MEMBER_TAIL]
    _cap_widths(ws, headers, MEMBER_WIDTHS)
    ws.column_dimensions["A"].width = NUMBER_WIDTH
    setup_page(ws, header_row=header_row, landscape=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)  # 序号 and 姓名 stay in view
    bands = band_counts(records, scheme)
    row = write_paragraph(ws, row + 1, "等次分布：" + "，".join(f"{name}{n}人" for name, n in bands.items()) + "。",
                          width)
    row = write_band(ws, row, "积分办法", width, font=BAND_FONT)
    for line in lines:
        row = write_paragraph(ws, row, line, width)


def _records(session: Session, year: int, scheme: Scheme, level: str,
             person_ids: Sequence[int] | None = None) -> tuple[list[MemberRecord], list[FormatInfo]]:
    formats = format_infos(session)
    records = member_records(member_activities(session, year, level), scheme, formats)
    shown = _shown_formats(session, year, records)
    if person_ids is not None:
        by_id = {r.activity.person_id: r for r in records}
        records = [by_id[pid] for pid in dict.fromkeys(person_ids) if pid in by_id]
    return records, shown


def _scheme_lines(session: Session, scheme: Scheme) -> list[str]:
    return scheme_lines(scheme, {f.code: f.name for f in format_infos(session) if f.code})


def _members_title(committee: str, year: int, level: str, what: str) -> str:
    who = "委员" if level == Level.DISTRICT else f"{level}政协委员"
    return f"{committee}{year}年度{who}{what}"


def _members_subtitle(year: int, records: list[MemberRecord]) -> str:
    return f"统计年度：{year}年　共 {len(records)} 人　单位：次、条、期、件、分"


# -- the workbooks -------------------------------------------------------------------------------------------------

def _save(workbook, path) -> Path:
    for ws in workbook.worksheets:  # capped widths wrap long names: rows tall enough for WPS and LibreOffice
        fit_row_heights(ws)
    return save_workbook(workbook, path)


def export_overview(session: Session, scope: Scope, path, *, scheme: Scheme | None = None,
                    level: str = Level.DISTRICT) -> Path:
    """年度统计: one sheet per table (see the module docstring); 委员履职 only when `scope` is a whole year."""
    ov = overview(session, scope)
    committee = committee_name(session)
    label = ov.current.label
    whole_year = is_whole_year(scope)

    def title(what: str) -> str:
        return f"{committee}{label}{what}"

    workbook, ws = new_workbook("概况")
    _overview_sheet(ws, ov, title("协商工作统计"), whole_year=whole_year)
    _formats_sheet(workbook.create_sheet("会议活动"), ov, title("协商活动统计"))
    _meetings_sheet(workbook.create_sheet("会议明细"), ov, title("协商活动明细"))
    _levels_sheet(workbook.create_sheet("参加人次"), ov, title("参加协商活动人次统计"))
    _visits_sheet(workbook.create_sheet("调研"), session, scope, label, title("调研视察情况"))
    _aspects_sheet(workbook.create_sheet("意见建议按方面"), ov, title("意见建议分方面统计"))
    _handling_sheet(workbook.create_sheet("办理情况"), ov, title("意见建议办理情况"))
    if whole_year:
        scheme = scheme or get_scheme(session)
        records, formats = _records(session, scope.year, scheme, level)
        _member_table(workbook.create_sheet("委员履职"), _members_title(committee, scope.year, level, "履职情况"),
                      _members_subtitle(scope.year, records), records, formats, scheme,
                      _scheme_lines(session, scheme))
    return _save(workbook, path)


def export_member_records(session: Session, year: int, path, *, scheme: Scheme | None = None,
                          level: str = Level.DISTRICT, person_ids: Sequence[int] | None = None) -> Path:
    """履职档案 for the 委员联络室: every member of the level in `year` in stroke order (or only `person_ids`,
    in that order; ids of people who were not members that year are skipped), the 谈话提醒 list and the
    scheme the scores were computed with."""
    scheme = scheme or get_scheme(session)
    committee = committee_name(session)
    records, formats = _records(session, year, scheme, level, person_ids)
    lines = _scheme_lines(session, scheme)
    workbook, ws = new_workbook("履职档案")
    _member_table(ws, _members_title(committee, year, level, "履职档案"), _members_subtitle(year, records),
                  records, formats, scheme, lines)
    _reminders_sheet(workbook.create_sheet("谈话提醒"), _members_title(committee, year, level, "谈话提醒名单"),
                     records)
    _scheme_sheet(workbook.create_sheet("积分办法"), f"{committee}{year}年度委员履职积分办法", lines)
    return _save(workbook, path)


REMINDER_HEADERS = ("序号", "姓名", "界别", "积分", "等次", "原因")
SCHEME_HEADERS = ("序号", "内容")


def _reminders_sheet(ws: Sheet, title: str, records: list[MemberRecord]) -> None:
    listed = [r for r in records if r.reminders]
    header_row, row = _table(ws, title, f"共 {len(listed)} 人", REMINDER_HEADERS)
    for seq, record in enumerate(listed, start=1):
        a = record.activity
        row = write_row(ws, [seq, a.name, a.sector or None, _number(record.score.total), record.score.band,
                             "；".join(record.reminders)], row)
    finish_table(ws, header_row=header_row, last_row=max(row - 1, header_row))
    _cap_widths(ws, REMINDER_HEADERS, {"序号": (6, 6), "姓名": (8, 10), "界别": (8, 16), "积分": (6, 6),
                                       "等次": (8, 8), "原因": (30, 50)})
    if not listed:
        write_band(ws, row, "（无）", len(REMINDER_HEADERS), alignment=Alignment(horizontal="center"))


def _scheme_sheet(ws: Sheet, title: str, lines: list[str]) -> None:
    header_row, row = _table(ws, title, "", SCHEME_HEADERS)
    for seq, line in enumerate(lines, start=1):
        row = write_row(ws, [seq, line], row)
    finish_table(ws, header_row=header_row, last_row=max(row - 1, header_row))
    _cap_widths(ws, SCHEME_HEADERS, {"序号": (6, 6), "内容": (60, 80)})


__all__ = ["export_member_records", "export_overview", "member_groups", "member_values", "note_text"]
