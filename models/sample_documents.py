"""样张: every printed sheet, Word document and main workbook of one meeting and one bulletin, into a folder.

For README pictures, CI and an office that wants to see its paper before the first meeting
(`python main.py --demo --sample-documents DIR`). Each file comes from the same builder the app's own
print / export action calls, with the data that action reads and its default options; only the choice of
meeting, bulletin and year is made here. Needs a QGuiApplication (QPdfWriter), no window.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.clock import today
from models.errors import DomainError
from models.os_errors import os_reason
from models.vocab import AttendanceRole, MeetingStatus

BIMONTHLY = "bimonthly"  # the format code of 双月协商会
HELD = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)


@dataclass(frozen=True)
class Sample:
    file_name: str  # "会议通知.pdf": what the file is, in the office's words
    write: Callable[[Path], object]  # (path) → writes the file


def writable_folder(folder) -> Path:
    """The folder, made if missing; a Chinese message when it cannot be written to."""
    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise DomainError(f"无法生成样张：“{target}”是一个文件，不是文件夹。")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DomainError(f"无法生成样张：无法创建文件夹“{target}”（{os_reason(error, target)}）。") from error
    if not os.access(target, os.W_OK | os.X_OK):
        raise DomainError(f"无法生成样张：没有写入文件夹“{target}”的权限。")
    return target


def sample_meeting(session):
    """A held 双月协商会 with the most invitees (the latest of equals): the fullest sheets."""
    from models.services.meeting_queries import list_meetings

    held = [m for m in list_meetings(session) if m.format_code == BIMONTHLY and m.status in HELD and m.invited]
    if not held:
        raise DomainError("无法生成样张：数据库中没有已召开且有参会人员的双月协商会。")
    return max(held, key=lambda m: (m.invited, m.starts_at, m.id))


def sample_bulletin(session, meeting_id: int):
    """The bulletin of that meeting's recommendations, else the one with the most."""
    from models.services.recommendation_queries import list_bulletins

    bulletins = [b for b in list_bulletins(session) if b.items]
    if not bulletins:
        raise DomainError("无法生成样张：数据库中没有收录了意见建议的《政协建言》。")
    return max(bulletins, key=lambda b: (any(r.meeting_id == meeting_id for r in b.items), len(b.items), b.id))


def meeting_year(meeting) -> int:
    """The year the yearly documents are of: the meeting's."""
    return meeting.starts_at.year if meeting.starts_at else today().year


def _year_with(rows_of: Callable[[int], list], preferred: int, years: list[int]) -> int:
    """The meeting's year when it has rows, else the latest year that has."""
    return next((y for y in [preferred, *sorted(years, reverse=True)] if rows_of(y)), preferred)


def meeting_samples(session, meeting) -> list[Sample]:
    """签到表 … 议程 and 参会证 as the 打印 dialog makes them with its defaults (stroke order; 桌签 in seat order
    when seats are stored; 座次表 from the seat plan), and the list's workbooks."""
    from models.exports.invitees_xlsx import export_invitees, export_reply_sheet
    from models.exports.notice_docx import export_notice_docx
    from models.printing import SheetInput, SheetKind, SheetOptions, render_pdf
    from models.printing.notice_checks import notice_dates
    from models.printing.seats import in_seat_order
    from models.services.app_settings import get_setting, print_issuer
    from models.services.entry_codes import entry_secret
    from models.services.holidays import working_day_settings
    from models.services.invitee_columns import DEFAULT_INVITEE_KEYS
    from models.services.meeting_queries import list_agenda, list_invitees
    from models.services.seat_plans import get_seat_plan
    from models.settings import SEATING_EVEN_ONE_LEFT

    invitees = sorted(list_invitees(session, meeting.id), key=lambda r: (r.sort_stroke, r.person_id))
    agenda = list_agenda(session, meeting.id)
    days = working_day_settings(session)
    notice = SheetOptions(calendar=days.calendar, reply_lead=days.reply_lead, notice_lead=days.notice_lead,
                          issuer=print_issuer(session), notice_text=meeting.notice_text or None)
    dates = notice_dates(SheetInput(meeting, [], [], notice))
    notice.issued_on = dates.latest.day if dates else today()  # issued on time, as an office would
    cards = [r for r in invitees if r.role != AttendanceRole.STAFF and not r.on_leave]  # the dialog's default
    plan = get_seat_plan(session, meeting.id)  # the 座次表 is drawn from it when the meeting has one
    sheets = {
        "签到表.pdf": (SheetKind.SIGN_IN, invitees, SheetOptions()),
        "桌签.pdf": (SheetKind.NAME_CARDS, in_seat_order(cards), SheetOptions()),  # as they go on the tables
        "座次表.pdf": (SheetKind.SEATING, invitees,
                     SheetOptions(seat_even_one_left=bool(get_setting(session, SEATING_EVEN_ONE_LEFT)))),
        "会议通知.pdf": (SheetKind.NOTICE, invitees, notice),
        "参会名单.pdf": (SheetKind.ROSTER, invitees, SheetOptions()),
        "议程.pdf": (SheetKind.AGENDA, invitees, SheetOptions()),
        # the key is made here if no card was printed yet, as the 打印 dialog would
        "参会证.pdf": (SheetKind.ENTRY_CARDS, cards, SheetOptions(entry_secret=entry_secret(session))),
    }

    def sheet(kind, rows, options) -> Callable[[Path], object]:
        return lambda path: render_pdf(kind, SheetInput(meeting, rows, agenda, options, plan=plan), path)

    samples = [Sample(name, sheet(*spec)) for name, spec in sheets.items()]
    samples.append(Sample("会议通知.docx",
                          lambda path: export_notice_docx(SheetInput(meeting, invitees, agenda, notice), path)))
    keys = list(DEFAULT_INVITEE_KEYS)  # the list's columns as first shown
    samples += [Sample("参会名单.xlsx", lambda path: export_invitees(meeting, invitees, keys, path)),
                Sample("回执登记表.xlsx", lambda path: export_reply_sheet(meeting, invitees, path))]
    return samples


def bulletin_samples(session, bulletin) -> list[Sample]:
    from models.exports.bulletin_docx import export_bulletin_docx
    from models.printing import render_bulletin_pdf
    from models.services.app_settings import print_issuer
    from models.services.recommendation_queries import get_bulletin

    full, issuer = get_bulletin(session, bulletin.id), print_issuer(session)
    return [Sample("政协建言.pdf", lambda path: render_bulletin_pdf(full, path, issuer=issuer)),
            Sample("政协建言.docx", lambda path: export_bulletin_docx(full, path, issuer=issuer))]


def year_samples(session, meeting) -> list[Sample]:
    """议题遴选表, 年度协商计划 and the year's workbooks, for the meeting's year (or the nearest with data)."""
    from models.exports.topics_xlsx import export_plan, export_scoring_sheet
    from models.printing import render_plan_pdf, render_topic_selection_pdf, selection_means
    from models.services.app_settings import committee_name
    from models.services.plans import list_plan, plan_years
    from models.services.topic_scores import criteria, list_topics, reviewers

    held_in = meeting_year(meeting)
    committee, marks = committee_name(session), criteria(session)
    topic_year = _year_with(lambda y: list_topics(session, y), held_in, list(range(held_in - 5, held_in + 5)))
    topics = list_topics(session, topic_year)
    judges, means = reviewers(session, topic_year), selection_means(session, topics)
    plan_year = _year_with(lambda y: list_plan(session, y), held_in, plan_years(session))
    plan = list_plan(session, plan_year)
    return [
        Sample("议题遴选表.pdf", lambda path: render_topic_selection_pdf(topics, marks, topic_year, path,
                                                                     reviewers=judges, means=means)),
        Sample("议题评分表.xlsx", lambda path: export_scoring_sheet(topics, marks, topic_year, path)),
        Sample("年度协商计划.pdf", lambda path: render_plan_pdf(plan, plan_year, committee, path)),
        Sample("年度协商计划.xlsx", lambda path: export_plan(plan, plan_year, committee, path)),
    ]


def member_samples(session, meeting) -> list[Sample]:
    """一人一档 of the meeting's members (one page each), 履职档案 and 年度统计 of its year."""
    from models.exports.statistics_xlsx import export_member_records, export_overview
    from models.printing.member_record import render_member_records_pdf
    from models.services.app_settings import committee_name
    from models.services.meeting_queries import list_invitees
    from models.services.performance import format_infos, member_activities
    from models.services.performance_detail import member_detail
    from models.services.performance_scheme import get_scheme, scheme_lines
    from models.services.statistics import year_scope

    year = meeting_year(meeting)
    scheme, formats, committee = get_scheme(session), format_infos(session), committee_name(session)
    invited = {r.person_id for r in list_invitees(session, meeting.id)}
    details = [member_detail(session, a.person_id, year, scheme, formats, activity=a)
               for a in member_activities(session, year) if a.person_id in invited]
    details = [d for d in details if d is not None]
    lines = scheme_lines(scheme, {f.code: f.name for f in formats if f.code})
    samples = [Sample("年度统计.xlsx", lambda path: export_overview(session, year_scope(year), path, scheme=scheme)),
               Sample("履职档案.xlsx", lambda path: export_member_records(session, year, path, scheme=scheme))]
    if details:
        samples.insert(0, Sample("一人一档.pdf",
                                 lambda path: render_member_records_pdf(details, committee, lines, path)))
    return samples


def people_samples(session) -> list[Sample]:
    """人员名单 (the 委员 page's default columns) and 委员花名册 by 界别, as 委员 → 导出 writes them."""
    from models.exports.people_xlsx import export_people, export_roster_by_sector
    from models.services.lookups import list_values
    from models.services.people_columns import PERSON_COLUMNS
    from models.services.people_list import load_people

    rows = load_people(session)
    keys = [c.key for c in PERSON_COLUMNS if c.default]
    order = [v.name for v in list_values(session, "sector")]
    members = [r for r in rows if r.is_member]
    return [Sample("人员名单.xlsx", lambda path: export_people(rows, keys, path, title="人员名单",
                                                             subtitle=f"共 {len(rows)} 人")),
            Sample("委员花名册.xlsx", lambda path: export_roster_by_sector(members, path, title="委员花名册",
                                                                      sector_order=order))]


def recommendation_samples(session, year: int) -> list[Sample]:
    from models.exports.recommendations_xlsx import export_recommendations, export_reply_sheet
    from models.services.recommendation_queries import list_recommendations

    rows = list_recommendations(session, year=year)
    open_rows = [r for r in rows if not r.is_duplicate]
    return [Sample("意见建议.xlsx", lambda path: export_recommendations(rows, path, title=f"{year}年度意见建议")),
            Sample("意见建议部门答复表.xlsx",
                   lambda path: export_reply_sheet(open_rows, path, title="意见建议办理情况答复表"))]


def write_sample_documents(database, folder, *, report: Callable[[str], None] = lambda _text: None) -> list[Path]:
    """Write every 样张 into `folder` (made if missing); returns the files in the order written. Raises
    DomainError (a Chinese message) when the folder cannot be written or the database has no such meeting."""
    target = writable_folder(folder)
    written = []
    with database.session() as session:
        meeting = sample_meeting(session)
        bulletin = sample_bulletin(session, meeting.id)
        year = meeting_year(meeting)
        report(f"会议：{meeting.title}（{meeting.invited}人）；专报：{bulletin.year}年第{bulletin.issue_no}期")
        samples = (meeting_samples(session, meeting) + bulletin_samples(session, bulletin)
                   + year_samples(session, meeting) + member_samples(session, meeting)
                   + people_samples(session) + recommendation_samples(session, year))
        for sample in samples:
            path = target / sample.file_name
            try:
                sample.write(path)
            except OSError as error:  # a writer that does not say it in Chinese itself
                raise DomainError(f"无法生成样张“{path}”（{os_reason(error, path)}）。") from error
            written.append(path)
            report(str(path))
    return written


__all__ = ["Sample", "sample_bulletin", "sample_meeting", "writable_folder", "write_sample_documents"]
