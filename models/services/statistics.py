"""年度统计: the figures of a year (or any date range) beside the previous one, and the report paragraph.

Every number comes from models.services.counts (the same functions the recommendations screens use)
or from an aggregate query over the same conditions; nothing loads rows to count them in Python (the
month table is counted from the meeting lines, which are read anyway).

What is counted:
- Meetings: held ones (已召开/已归档) whose date lies in the period, per format and per month.
- A meeting's line: 应到 = everyone on its list except 工作人员; 实到 = checked in or recorded 出席;
  请假 = leave recorded and not present; 缺席 = the rest.  Its recommendations are all (not merged)
  recommendations recorded against it, whatever their year.
- Participations (参加人次) by level: attendance rows of held meetings, each person under their highest
  level ever held (全国 > 市 > 区), people with no membership as 非委员 (guests and others).
- Recommendations per format: those recorded against a meeting of the format; those from visits only,
  proposals or 社情民意 are the remainder ("其他").
- The previous period is the year before, or the same dates one year earlier.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, distinct, extract, func
from sqlmodel import Session, select

from models.clock import today
from models.errors import ValidationError
from models.services.app_settings import committee_name
from models.services.attendance_sql import COUNTED, invited_count, leave_sum, present_sum
from models.services.common import nulls_low
from models.services.counts import (
    Figures,
    Scope,
    figures_by_format,
    held_conditions,
    meeting_conditions,
    recommendation_conditions,
    summary_text,
    visit_conditions,
)
from models.services.meeting_queries import meeting_years
from models.services.recommendation_queries import recommendation_years
from models.services.research import visit_years
from models.tables import Attendance, FieldVisit, Meeting, MeetingFormat, Membership, Recommendation, Topic
from models.vocab import AttendanceResult, Level

LEVEL_LABELS = ("全国政协委员", "市政协委员", "区政协委员", "非委员（嘉宾等）")
_LEVEL_RANK = {Level.NATIONAL: 1, Level.MUNICIPAL: 2, Level.DISTRICT: 3}


# -- the period ------------------------------------------------------------------------------------------

def year_scope(year: int) -> Scope:
    if not 1900 <= year <= 2999:
        raise ValidationError("年份应在1900至2999之间。", field="year")
    return Scope(year=year)


def range_scope(start: date | None, end: date | None) -> Scope:
    if start is None and end is None:
        raise ValidationError("请至少填写开始日期或结束日期之一。", field="start")
    return Scope(start=start, end=end)


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def period_label(scope: Scope) -> str:
    """"2023年", "2023年3月1日至2023年6月30日", "2023年3月1日以来", "截至2023年6月30日"."""
    if scope.start is None and scope.end is None:
        return f"{scope.year}年" if scope.year is not None else "全部年份"
    if scope.start is not None and scope.end is not None:
        return f"{_day(scope.start)}至{_day(scope.end)}"
    return f"{_day(scope.start)}以来" if scope.start is not None else f"截至{_day(scope.end)}"


def _year_earlier(value: date | None) -> date | None:
    if value is None:
        return None
    if value.month == 2 and value.day == 29:
        return date(value.year - 1, 2, 28)
    return value.replace(year=value.year - 1)


def previous_scope(scope: Scope) -> Scope:
    return Scope(year=scope.year - 1 if scope.year is not None else None,
                 start=_year_earlier(scope.start), end=_year_earlier(scope.end))


def is_whole_year(scope: Scope) -> bool:
    return scope.year is not None and scope.start is None and scope.end is None


# -- rows ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingLine:
    """One held meeting: topic, date, 应到/实到/请假/缺席 and its recommendations."""

    id: int
    format_name: str
    format_code: str | None
    title: str
    topic_title: str
    starts_at: object
    status: str
    expected: int
    present: int
    leave: int
    recommendations: int
    aspects: int

    @property
    def absent(self) -> int:
        return self.expected - self.present - self.leave

    @property
    def summary(self) -> str:
        return summary_text(self.aspects, self.recommendations)


@dataclass(frozen=True)
class FormatLine:
    """One meeting format in the period: held meetings and the recommendations they produced."""

    code: str | None
    name: str
    meetings: int
    recommendations: int
    aspects: int

    @property
    def summary(self) -> str:
        return summary_text(self.aspects, self.recommendations)


@dataclass(frozen=True)
class LevelLine:
    """Participations (人次) of one level at held meetings: invited, present, distinct people present."""

    label: str
    invited: int
    present: int
    people: int


@dataclass(frozen=True)
class MonthColumn:
    label: str
    counts: dict  # format name → held meetings


@dataclass(frozen=True)
class PeriodFigures:
    scope: Scope
    label: str
    figures: Figures
    formats: tuple[FormatLine, ...]
    participation: tuple[LevelLine, ...]

    @property
    def other_recommendations(self) -> int:
        """Recommendations not recorded against any meeting (visits only, 提案, 社情民意)."""
        return self.figures.recommendations - sum(f.recommendations for f in self.formats)

    @property
    def member_participations(self) -> int:
        return sum(line.present for line in self.participation[:3])


@dataclass(frozen=True)
class Overview:
    current: PeriodFigures
    previous: PeriodFigures
    meetings: tuple[MeetingLine, ...]
    months: tuple[MonthColumn, ...]
    leader_word: str  # "区" in 区领导批示

    @property
    def format_names(self) -> list[str]:
        return [f.name for f in self.current.formats if f.meetings]


# -- queries ---------------------------------------------------------------------------------------------

def _formats(session: Session) -> list[tuple[int, str | None, str]]:
    """(id, code, name) of every format, in the lookup's order."""
    return session.connection().execute(select(MeetingFormat.id, MeetingFormat.code, MeetingFormat.name)
                                        .order_by(MeetingFormat.sort_order, MeetingFormat.id)).all()


def _produced(session: Session, scope: Scope) -> dict[int, tuple[int, int]]:
    """Format id → (recommendations, aspects) recorded against its meetings."""
    return {fid: (n, a) for fid, n, a in session.connection().execute(
        select(Meeting.format_id, func.count(Recommendation.id), func.count(distinct(Recommendation.aspect_id)))
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .where(*recommendation_conditions(scope)).group_by(Meeting.format_id))}


def _format_lines(formats, held: dict[int, int], produced: dict[int, tuple[int, int]]) -> tuple[FormatLine, ...]:
    lines = []
    for fid, code, name in formats:
        meetings, (recs, aspects) = held.get(fid, 0), produced.get(fid, (0, 0))
        if meetings or recs:
            lines.append(FormatLine(code, name, meetings, recs, aspects))
    return tuple(lines)


def format_lines(session: Session, scope: Scope) -> tuple[FormatLine, ...]:
    """Formats with held meetings or recommendations in the period, in the lookup's order."""
    held = dict(session.exec(select(Meeting.format_id, func.count(Meeting.id))
                             .where(*meeting_conditions(scope), *held_conditions())
                             .group_by(Meeting.format_id)).all())
    return _format_lines(_formats(session), held, _produced(session, scope))


def participation(session: Session, scope: Scope) -> tuple[LevelLine, ...]:
    """Attendance at held meetings by the person's highest level (全国 > 市 > 区), then non-members."""
    rank = case(*[(Membership.level == level.value, r) for level, r in _LEVEL_RANK.items()], else_=9)
    levels = (select(Membership.person_id.label("person_id"), func.min(rank).label("rank"))
              .group_by(Membership.person_id).subquery())
    present_person = case((Attendance.checked_in_at.is_not(None), Attendance.person_id),
                          (Attendance.result == AttendanceResult.PRESENT, Attendance.person_id), else_=None)
    rows = session.exec(
        select(levels.c.rank, invited_count(), present_sum(), func.count(distinct(present_person)))
        .select_from(Attendance).join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(levels, levels.c.person_id == Attendance.person_id, isouter=True)
        .where(*meeting_conditions(scope), *held_conditions(), COUNTED)
        .group_by(levels.c.rank))
    by_rank: dict[int, tuple[int, int, int]] = {}
    for r, invited, present, people in rows:
        key = r if r in (1, 2, 3) else 4
        old = by_rank.get(key, (0, 0, 0))
        by_rank[key] = (old[0] + invited, old[1] + present, old[2] + people)
    return tuple(LevelLine(label, *by_rank.get(i, (0, 0, 0))) for i, label in enumerate(LEVEL_LABELS, start=1))


def meeting_lines(session: Session, scope: Scope) -> tuple[MeetingLine, ...]:
    """Held meetings of the period in date order with their attendance and recommendations."""
    query = (select(Meeting.id, MeetingFormat.name, MeetingFormat.code, Meeting.title, Topic.title, Meeting.starts_at,
                    Meeting.status, invited_count(), present_sum(), leave_sum())
             .join(MeetingFormat, MeetingFormat.id == Meeting.format_id)
             .join(Topic, Topic.id == Meeting.topic_id, isouter=True)
             .join(Attendance, and_(Attendance.meeting_id == Meeting.id, COUNTED), isouter=True)
             .where(*meeting_conditions(scope), *held_conditions())
             .group_by(Meeting.id, MeetingFormat.name, MeetingFormat.code, Meeting.title, Topic.title,
                       Meeting.starts_at, Meeting.status)
             .order_by(*nulls_low(Meeting.starts_at), Meeting.id))
    rows = session.exec(query).all()
    produced = {mid: (n, a) for mid, n, a in session.exec(
        select(Recommendation.meeting_id, func.count(Recommendation.id),
               func.count(distinct(Recommendation.aspect_id)))
        .where(Recommendation.duplicate_of_id.is_(None),
               Recommendation.meeting_id.in_(select(Meeting.id).where(*meeting_conditions(scope),
                                                                        *held_conditions())))
        .group_by(Recommendation.meeting_id))}
    return tuple(MeetingLine(mid, fmt, code, title, topic or "", starts, status, expected, present, leave,
                             *produced.get(mid, (0, 0)))
                 for mid, fmt, code, title, topic, starts, status, expected, present, leave in rows)


def month_columns(session: Session, scope: Scope) -> tuple[MonthColumn, ...]:
    """Held meetings per month and format: Jan-Dec for a year, the months of a date range otherwise."""
    year_col, month_col = extract("year", Meeting.starts_at), extract("month", Meeting.starts_at)
    rows = session.exec(select(year_col, month_col, MeetingFormat.name, func.count(Meeting.id))
                        .join(MeetingFormat, MeetingFormat.id == Meeting.format_id)
                        .where(*meeting_conditions(scope), *held_conditions(), Meeting.starts_at.is_not(None))
                        .group_by(year_col, month_col, MeetingFormat.name)).all()
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for y, m, name, n in rows:
        counts.setdefault((int(y), int(m)), {})[name] = n
    return _month_columns(scope, counts)


def _months_of(lines: tuple[MeetingLine, ...]) -> dict[tuple[int, int], dict[str, int]]:
    """month_columns' counts from the period's meeting lines (the same held meetings): no query."""
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for line in lines:
        if line.starts_at is not None:
            month = counts.setdefault((line.starts_at.year, line.starts_at.month), {})
            month[line.format_name] = month.get(line.format_name, 0) + 1
    return counts


def _month_columns(scope: Scope, counts: dict[tuple[int, int], dict[str, int]]) -> tuple[MonthColumn, ...]:
    if is_whole_year(scope):
        months = [(scope.year, m) for m in range(1, 13)]
    else:
        known = sorted(counts)
        first = (scope.start.year, scope.start.month) if scope.start else (known[0] if known else None)
        last = (scope.end.year, scope.end.month) if scope.end else (known[-1] if known else None)
        months = _month_span(first, last) if first and last else []
    one_year = len({y for y, _ in months}) <= 1
    return tuple(MonthColumn(f"{m}月" if one_year else f"{y}年{m}月", counts.get((y, m), {})) for y, m in months)


def _month_span(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months, (y, m) = [], first
    while (y, m) <= last and len(months) < 240:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def statistics_years(session: Session) -> list[int]:
    """Years that have meetings, visits or recommendations, newest first (the 统计 page's year list)."""
    years = set(meeting_years(session)) | set(visit_years(session)) | set(recommendation_years(session))
    return sorted(years, reverse=True)


def default_statistics_year(session: Session) -> int:
    """The year the page opens on: the latest with held meetings (a meeting still 筹备中 next year has
    nothing to count yet), else the latest past or current year with visits or recommendations, else this
    year."""
    held = session.exec(select(func.max(Meeting.starts_at)).where(*held_conditions())).one()
    if held is not None:
        return held.year
    this_year = today().year
    return max((y for y in statistics_years(session) if y <= this_year), default=this_year)


def visit_ids(session: Session, scope: Scope) -> list[int]:
    return list(session.exec(select(FieldVisit.id).where(*visit_conditions(scope))
                             .order_by(FieldVisit.visit_date, FieldVisit.id)))


def period_figures(session: Session, scope: Scope, formats=None) -> PeriodFigures:
    """The period's figures in five statements (`formats`: _formats(), when the caller has them)."""
    fig, held = figures_by_format(session, scope)
    lines = _format_lines(_formats(session) if formats is None else formats, held, _produced(session, scope))
    return PeriodFigures(scope, period_label(scope), fig, lines, participation(session, scope))


def leader_word(committee: str) -> str:
    """"区" for "××区政协" (区领导批示), "县" for a county; empty when the name does not tell."""
    stem = committee.removesuffix("委员会").removesuffix("政协").removesuffix("人民政治协商会议")
    return stem[-1] if stem and stem[-1] in "区县市州旗" else ""


def overview(session: Session, scope: Scope) -> Overview:
    formats, meetings = _formats(session), meeting_lines(session, scope)
    return Overview(current=period_figures(session, scope, formats),
                    previous=period_figures(session, previous_scope(scope), formats), meetings=meetings,
                    months=_month_columns(scope, _months_of(meetings)),
                    leader_word=leader_word(committee_name(session)))


# -- comparison with the previous period ---------------------------------------------------------------------

@dataclass(frozen=True)
class ComparisonLine:
    label: str
    unit: str
    current: float | None
    previous: float | None
    is_rate: bool = False

    @property
    def change(self) -> str:
        """"+3", "-2", "持平", "+5.2个百分点"; "—" when either side is unknown."""
        if self.current is None or self.previous is None:
            return "—"
        delta = self.current - self.previous
        if self.is_rate:
            delta = round(delta * 100, 1)
            return "持平" if delta == 0 else f"{delta:+g}个百分点"
        return "持平" if delta == 0 else f"{delta:+g}"


def _format_names(ov: Overview) -> list[str]:
    names = [f.name for f in ov.current.formats]
    return names + [f.name for f in ov.previous.formats if f.name not in names]


def comparison(ov: Overview) -> list[ComparisonLine]:
    cur, prev = ov.current, ov.previous

    def by_name(period: PeriodFigures, name: str, attr: str) -> int:
        return next((getattr(f, attr) for f in period.formats if f.name == name), 0)

    lines = [ComparisonLine("协商活动（合计）", "场", cur.figures.meetings, prev.figures.meetings)]
    lines += [ComparisonLine(f"　{name}", "场", by_name(cur, name, "meetings"), by_name(prev, name, "meetings"))
              for name in _format_names(ov)]
    lines += [
        ComparisonLine("委员参加活动", "人次", cur.member_participations, prev.member_participations),
        ComparisonLine("调研视察", "次", cur.figures.visits, prev.figures.visits),
        ComparisonLine("意见建议（合计）", "条", cur.figures.recommendations, prev.figures.recommendations)]
    lines += [ComparisonLine(f"　{name}", "条", by_name(cur, name, "recommendations"),
                             by_name(prev, name, "recommendations")) for name in _format_names(ov)]
    if cur.other_recommendations or prev.other_recommendations:
        lines.append(ComparisonLine("　其他来源", "条", cur.other_recommendations, prev.other_recommendations))
    lines += [
        ComparisonLine("编发专报", "期", cur.figures.bulletins, prev.figures.bulletins),
        ComparisonLine("领导批示", "件", cur.figures.instructions, prev.figures.instructions),
        ComparisonLine("采纳率", "%", cur.figures.adoption_rate, prev.figures.adoption_rate, is_rate=True)]
    return lines


def percent_text(rate: float | None) -> str:
    """0.5273 → "52.7%"; 0.5 → "50%"; None → "—"."""
    if rate is None:
        return "—"
    return f"{round(rate * 100, 1):g}%"


# -- the report paragraph ------------------------------------------------------------------------------------

def _spoken(name: str) -> str:
    """A format as a report names it: the lookup's "其他" reads "其他活动"."""
    return "其他活动" if name == "其他" else name


def _recommendation_parts(period: PeriodFigures) -> list[str]:
    """"双月协商会54条", "委员沙龙9方面23条": aspects only where one meeting produced them all."""
    parts = [f"{_spoken(f.name)}{f.summary if f.meetings == 1 else f'{f.recommendations}条'}"
             for f in period.formats if f.recommendations]
    if parts and period.other_recommendations:
        parts.append(f"调研及其他渠道{period.other_recommendations}条")
    return parts


def _visit_kinds(fig) -> str:
    """"实地调研8次、视察2次、座谈2次、走访1次": each kind as stored, so a 座谈 is never called an 实地调研."""
    parts = [f"{kind or '其他调研'}{n}次" for kind, n in fig.visits_by_kind.items() if n]
    return "、".join(parts) or f"调研视察{fig.visits}次"


def report_paragraph(ov: Overview) -> str:
    """The work-report sentence, every number from the overview's figures."""
    period, fig = ov.current, ov.current.figures
    first = []
    held = [f"{_spoken(f.name)}{f.meetings}场" for f in period.formats if f.meetings]
    if held:
        first.append("共组织" + "、".join(held))
    if fig.visits:
        first.append("委员开展" + _visit_kinds(fig))
    if fig.recommendations:
        parts = _recommendation_parts(period)
        if len(parts) > 1:
            first.append(f"提出意见建议{fig.recommendations}条，其中" + "、".join(parts))
        else:  # one source only: "提出意见建议9方面23条" when it was a single meeting
            single = [f for f in period.formats if f.recommendations]
            whole = single[0].summary if parts and single[0].meetings == 1 else f"{fig.recommendations}条"
            first.append(f"提出意见建议{whole}")
    second = []
    if fig.bulletins_by_kind:
        second.append("编发" + "、".join(f"《{kind}》{n}期" for kind, n in fig.bulletins_by_kind.items()))
    if fig.instructions:
        second.append(f"获{ov.leader_word}领导批示{fig.instructions}件")
    if fig.adoption_rate is not None:
        second.append(f"采纳率{percent_text(fig.adoption_rate)}")
    if not first and not second:
        return f"{period.label}暂无协商活动、调研和意见建议记录。"
    opening = "全年" if is_whole_year(period.scope) else f"{period.label}，"
    body = "，".join(first)
    if second:
        body = f"{body}；{'，'.join(second)}" if body else "，".join(second)
    return f"{opening}{body}。"


__all__ = ["LEVEL_LABELS", "ComparisonLine", "FormatLine", "LevelLine", "MeetingLine", "MonthColumn", "Overview",
           "PeriodFigures", "comparison", "default_statistics_year", "format_lines", "is_whole_year", "leader_word",
           "meeting_lines", "month_columns", "overview", "participation", "percent_text", "period_figures",
           "period_label", "previous_scope", "range_scope", "report_paragraph", "statistics_years", "visit_ids",
           "year_scope"]
