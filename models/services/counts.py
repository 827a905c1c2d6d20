"""The figures reports quote ("委员开展实地调研13次，提出意见建议54条", "共提出9方面23条意见建议").

Every number comes from an aggregate query (COUNT / GROUP BY / CASE) in portable SQL; no rows are loaded
into Python to be counted. figures() gathers them in three statements (the screen's load).

Scope — what is counted.  All given fields apply together (AND); an empty Scope counts everything.

- ``year``: recommendations whose ``Recommendation.year`` is it; visits by ``visit_date``; meetings by
  ``starts_at``; bulletins by ``Bulletin.year``; instructions by ``instructed_on`` (an undated instruction
  falls back to the year of the bulletin or recommendation it is on).
- ``start`` / ``end`` (inclusive dates, either may be open): visits by ``visit_date``; meetings by the
  day of ``starts_at``; recommendations by ``proposed_on``, or when it is empty by their ``year``
  (the year lies between start's and end's year); bulletins by ``issued_on``, else ``Bulletin.year``;
  instructions by ``instructed_on``, else the year of what they are on.
- ``meeting_id``: that meeting; its recommendations (``Recommendation.meeting_id``; a recommendation
  recorded only against a visit is not the meeting's); its visits (``FieldVisit.meeting_id``);
  bulletins whose ``meeting_id`` is it or that carry any of its recommendations.
- ``topic_id``: meetings of the topic; visits of the topic (``FieldVisit.topic_id``, or, when a visit
  has no topic, the topic of its meeting); recommendations of those meetings and of those visits;
  bulletins of those meetings or carrying those recommendations.
- ``format_code`` (``MeetingFormat.code``: "bimonthly", "salon" ...): meetings of that format, the
  recommendations and visits linked to them, bulletins of them or carrying those recommendations.
- Instructions (批示): those on a bulletin in scope plus those on a recommendation in scope; an
  instruction is one row and is counted once however it is reached.  Its own date decides the period.

Rules:

- Recommendations count once: a merged duplicate (``duplicate_of_id`` set) is never counted anywhere,
  nor is an instruction on it, nor does it bring a bulletin into a meeting's scope.
- Aspects (方面): the number of distinct aspect rows having at least one counted recommendation
  (aspects belong to one source, so two meetings' "教育" headings are two aspects).  "N方面M条" counts
  M over all counted recommendations, with or without an aspect; with no aspect it reads "M条".
- Adoption rate = (采纳 + 部分采纳) / (counted recommendations that have an outcome); None when none has.
- Overdue (超期) = models.services.recommendation_queries.is_overdue in SQL: a deadline before ``on``
  (default today), no reply date, status not 已办结, not a duplicate.
- Held meetings are those 已召开 or 已归档.
- By status / outcome / visit kind: every value of the vocabulary in its order, zeros included (any
  unknown stored value follows).  Meetings by format: formats having meetings, in the lookup's order.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy import and_, case, distinct, func, or_, union_all
from sqlmodel import Session, select

from models.clock import today
from models.errors import ValidationError
from models.sorting import text_key
from models.tables import (
    Aspect,
    Bulletin,
    BulletinItem,
    FieldVisit,
    Instruction,
    Meeting,
    MeetingFormat,
    Recommendation,
)
from models.vocab import ADOPTED_OUTCOMES, MeetingStatus, Outcome, RecommendationStatus, VisitKind

HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)


@dataclass(frozen=True)
class Scope:
    year: int | None = None
    start: date | None = None
    end: date | None = None
    meeting_id: int | None = None
    topic_id: int | None = None
    format_code: str | None = None

    def __post_init__(self):
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValidationError("开始日期不能晚于结束日期。", field="start")

    @property
    def by_source(self) -> bool:
        return self.meeting_id is not None or self.topic_id is not None or self.format_code is not None


# -- conditions ---------------------------------------------------------------------------------

def _between(column, low, high) -> list:
    conditions = []
    if low is not None:
        conditions.append(column >= low)
    if high is not None:
        conditions.append(column <= high)
    return conditions


def _years(scope: Scope) -> tuple[int | None, int | None]:
    return (scope.start.year if scope.start else None), (scope.end.year if scope.end else None)


def _dated_or_year(date_column, year_conditions: list, scope: Scope) -> list:
    """start/end on a date column; rows without a date are judged by the year conditions given."""
    dated = _between(date_column, scope.start, scope.end)
    if not dated:
        return []
    return [or_(and_(date_column.is_not(None), *dated), and_(date_column.is_(None), *year_conditions))]


def _format_ids(code: str):
    return select(MeetingFormat.id).where(MeetingFormat.code == code)


def _meeting_source(scope: Scope) -> list:
    conditions = []
    if scope.meeting_id is not None:
        conditions.append(Meeting.id == scope.meeting_id)
    if scope.topic_id is not None:
        conditions.append(Meeting.topic_id == scope.topic_id)
    if scope.format_code is not None:
        conditions.append(Meeting.format_id.in_(_format_ids(scope.format_code)))
    return conditions


def _meeting_conditions(scope: Scope) -> list:
    conditions = _meeting_source(scope)
    if scope.year is not None:
        conditions += [Meeting.starts_at >= datetime(scope.year, 1, 1),
                       Meeting.starts_at < datetime(scope.year + 1, 1, 1)]
    if scope.start is not None:
        conditions.append(Meeting.starts_at >= datetime.combine(scope.start, time()))
    if scope.end is not None:
        conditions.append(Meeting.starts_at < datetime.combine(scope.end + timedelta(days=1), time()))
    return conditions


def _visit_source(scope: Scope) -> list:
    conditions = []
    if scope.meeting_id is not None:
        conditions.append(FieldVisit.meeting_id == scope.meeting_id)
    if scope.format_code is not None:
        conditions.append(FieldVisit.meeting_id.in_(select(Meeting.id).where(
            Meeting.format_id.in_(_format_ids(scope.format_code)))))
    if scope.topic_id is not None:
        topic_meetings = select(Meeting.id).where(Meeting.topic_id == scope.topic_id)
        conditions.append(or_(FieldVisit.topic_id == scope.topic_id,
                              and_(FieldVisit.topic_id.is_(None), FieldVisit.meeting_id.in_(topic_meetings))))
    return conditions


def _visit_conditions(scope: Scope) -> list:
    conditions = _visit_source(scope) + _between(FieldVisit.visit_date, scope.start, scope.end)
    if scope.year is not None:
        conditions += _between(FieldVisit.visit_date, date(scope.year, 1, 1), date(scope.year, 12, 31))
    return conditions


def _recommendation_source(scope: Scope) -> list:
    """Never a duplicate; linked to the scope's meetings/visits when it names any."""
    conditions = [Recommendation.duplicate_of_id.is_(None)]
    if scope.meeting_id is not None:
        conditions.append(Recommendation.meeting_id == scope.meeting_id)
    if scope.format_code is not None:
        conditions.append(Recommendation.meeting_id.in_(select(Meeting.id).where(
            Meeting.format_id.in_(_format_ids(scope.format_code)))))
    if scope.topic_id is not None:
        topic_only = Scope(topic_id=scope.topic_id)
        conditions.append(or_(
            Recommendation.meeting_id.in_(select(Meeting.id).where(*_meeting_source(topic_only))),
            Recommendation.field_visit_id.in_(select(FieldVisit.id).where(*_visit_source(topic_only)))))
    return conditions


def _recommendation_conditions(scope: Scope) -> list:
    conditions = _recommendation_source(scope)
    if scope.year is not None:
        conditions.append(Recommendation.year == scope.year)
    return conditions + _dated_or_year(Recommendation.proposed_on, _between(Recommendation.year, *_years(scope)), scope)


def _bulletin_source(scope: Scope) -> list:
    if not scope.by_source:
        return []
    carried = select(BulletinItem.bulletin_id).where(BulletinItem.recommendation_id.in_(
        select(Recommendation.id).where(*_recommendation_source(scope))))
    return [or_(Bulletin.meeting_id.in_(select(Meeting.id).where(*_meeting_source(scope))),
                Bulletin.id.in_(carried))]


def _bulletin_conditions(scope: Scope) -> list:
    conditions = _bulletin_source(scope)
    if scope.year is not None:
        conditions.append(Bulletin.year == scope.year)
    return conditions + _dated_or_year(Bulletin.issued_on, _between(Bulletin.year, *_years(scope)), scope)


def _instruction_conditions(scope: Scope) -> list:
    on_bulletin = Instruction.bulletin_id.in_(select(Bulletin.id).where(*_bulletin_source(scope)))
    on_recommendation = Instruction.recommendation_id.in_(
        select(Recommendation.id).where(*_recommendation_source(scope)))
    conditions = [or_(on_bulletin, on_recommendation)]
    low, high = _years(scope)
    if scope.year is not None:  # the year and the dates' years, both
        low, high = max(low or scope.year, scope.year), min(high or scope.year, scope.year)
    dated = _between(Instruction.instructed_on, scope.start, scope.end)
    if scope.year is not None:
        dated += _between(Instruction.instructed_on, date(scope.year, 1, 1), date(scope.year, 12, 31))
    if dated:
        # Undated: the year of the bulletin or recommendation it is on.
        undated = or_(Instruction.bulletin_id.in_(select(Bulletin.id).where(*_between(Bulletin.year, low, high))),
                      Instruction.recommendation_id.in_(
                          select(Recommendation.id).where(*_between(Recommendation.year, low, high))))
        conditions.append(or_(and_(Instruction.instructed_on.is_not(None), *dated),
                              and_(Instruction.instructed_on.is_(None), undated)))
    return conditions


def _scalar(session: Session, query) -> int:
    return session.exec(query).one() or 0


def _in_order(order, counts: dict) -> dict[str, int]:
    """Every vocabulary value in order (zeros included), then any other stored value."""
    result = {str(value): counts.pop(value, 0) for value in order}
    result.update(sorted(counts.items(), key=lambda kv: str(kv[0])))
    return result


# -- visits ---------------------------------------------------------------------------------------

def count_visits(session: Session, scope: Scope) -> int:
    return _scalar(session, select(func.count(FieldVisit.id)).where(*_visit_conditions(scope)))


def count_visits_by_kind(session: Session, scope: Scope) -> dict[str, int]:
    rows = session.exec(select(FieldVisit.kind, func.count(FieldVisit.id)).where(*_visit_conditions(scope))
                        .group_by(FieldVisit.kind))
    return _in_order(VisitKind, dict(rows.all()))


# -- recommendations -------------------------------------------------------------------------------

def count_recommendations(session: Session, scope: Scope) -> int:
    return _scalar(session, select(func.count(Recommendation.id)).where(*_recommendation_conditions(scope)))


def recommendations_by_aspect(session: Session, scope: Scope) -> list[tuple[str, int]]:
    """(aspect name, count) in reading order: by source, then the aspect's position."""
    query = (select(Aspect.name, func.count(Recommendation.id))
             .join(Aspect, Aspect.id == Recommendation.aspect_id)
             .where(*_recommendation_conditions(scope))
             .group_by(Aspect.id, Aspect.name, Aspect.meeting_id, Aspect.field_visit_id, Aspect.source_kind,
                       Aspect.position)
             .order_by(func.min(Recommendation.year), func.coalesce(Aspect.meeting_id, 0),
                       func.coalesce(Aspect.field_visit_id, 0), func.coalesce(Aspect.source_kind, ""),
                       Aspect.position, Aspect.id))
    return [(name, count) for name, count in session.exec(query)]


def count_aspects(session: Session, scope: Scope) -> int:
    return _scalar(session, select(func.count(distinct(Recommendation.aspect_id)))
                   .where(*_recommendation_conditions(scope)))


def summary_text(aspects: int, recommendations: int) -> str:
    return f"{aspects}方面{recommendations}条" if aspects else f"{recommendations}条"


def aspect_summary(session: Session, scope: Scope) -> str:
    """The text reports quote: "9方面23条"; "23条" when no recommendation has an aspect."""
    aspects, total = session.exec(select(func.count(distinct(Recommendation.aspect_id)), func.count(Recommendation.id))
                                  .where(*_recommendation_conditions(scope))).one()
    return summary_text(aspects or 0, total or 0)


def recommendations_by_status(session: Session, scope: Scope) -> dict[str, int]:
    rows = session.exec(select(Recommendation.status, func.count(Recommendation.id))
                        .where(*_recommendation_conditions(scope)).group_by(Recommendation.status))
    return _in_order(RecommendationStatus, dict(rows.all()))


def recommendations_by_outcome(session: Session, scope: Scope) -> dict[str, int]:
    rows = session.exec(select(Recommendation.outcome, func.count(Recommendation.id))
                        .where(*_recommendation_conditions(scope), Recommendation.outcome.is_not(None))
                        .group_by(Recommendation.outcome))
    return _in_order(Outcome, dict(rows.all()))


def adoption_rate(session: Session, scope: Scope) -> float | None:
    """(采纳 + 部分采纳) / recommendations with an outcome; None when none has one yet."""
    adopted = func.sum(case((Recommendation.outcome.in_([str(o) for o in ADOPTED_OUTCOMES]), 1), else_=0))
    decided, adopted = session.exec(select(func.count(Recommendation.outcome), adopted)
                                    .where(*_recommendation_conditions(scope))).one()
    return (adopted or 0) / decided if decided else None


def count_overdue(session: Session, scope: Scope, on: date | None = None) -> int:
    """超期, as recommendation_queries.is_overdue: due before `on` (today), no reply, not 已办结."""
    return _scalar(session, select(func.count(Recommendation.id)).where(
        *_recommendation_conditions(scope), Recommendation.deadline.is_not(None),
        Recommendation.deadline < (on or today()), Recommendation.reply_date.is_(None),
        Recommendation.status != RecommendationStatus.CONCLUDED))


# -- bulletins, instructions, meetings --------------------------------------------------------------

def count_bulletins(session: Session, scope: Scope) -> int:
    return _scalar(session, select(func.count(Bulletin.id)).where(*_bulletin_conditions(scope)))


def bulletins_by_kind(session: Session, scope: Scope) -> dict[str, int]:
    """Bulletin kind (政协建言, 协商专报 ...) → issues, most issues first, ties by kind_order."""
    rows = session.exec(select(Bulletin.kind, func.count(Bulletin.id)).where(*_bulletin_conditions(scope))
                        .group_by(Bulletin.kind)).all()
    return dict(sorted(rows, key=kind_order))


def kind_order(row: tuple[str, int]) -> tuple:
    """(kind, issues): most issues first, then the kind in stroke order, not by the database's collation."""
    kind, issues = row
    return -issues, text_key(kind)


def count_instructions(session: Session, scope: Scope) -> int:
    """批示 on bulletins in scope and on recommendations in scope; each instruction once."""
    return _scalar(session, select(func.count(Instruction.id)).where(*_instruction_conditions(scope)))


def _held(held_only: bool) -> list:
    return [Meeting.status.in_([str(s) for s in HELD_STATUSES])] if held_only else []


def count_meetings(session: Session, scope: Scope, *, held_only: bool = True) -> int:
    return _scalar(session, select(func.count(Meeting.id)).where(*_meeting_conditions(scope), *_held(held_only)))


def meetings_by_format(session: Session, scope: Scope, *, held_only: bool = True) -> dict[str, int]:
    """Format name → meetings, for the formats that have any, in the lookup's order."""
    rows = session.exec(select(MeetingFormat.name, func.count(Meeting.id))
                        .join(Meeting, Meeting.format_id == MeetingFormat.id)
                        .where(*_meeting_conditions(scope), *_held(held_only))
                        .group_by(MeetingFormat.id, MeetingFormat.name, MeetingFormat.sort_order)
                        .order_by(MeetingFormat.sort_order, MeetingFormat.id))
    return dict(rows.all())


# -- the same conditions for other aggregate queries (statistics, performance records) ----------------

meeting_conditions = _meeting_conditions
visit_conditions = _visit_conditions
recommendation_conditions = _recommendation_conditions
bulletin_conditions = _bulletin_conditions
instruction_conditions = _instruction_conditions


def held_conditions() -> list:
    return _held(True)


# -- everything at once -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figures:
    visits: int
    recommendations: int
    aspects: int
    aspect_summary: str
    by_status: dict[str, int]
    by_outcome: dict[str, int]
    adoption_rate: float | None
    overdue: int
    bulletins: int
    instructions: int
    meetings: int  # held
    meetings_by_format: dict[str, int] = field(default_factory=dict)  # held
    bulletins_by_kind: dict[str, int] = field(default_factory=dict)
    visits_by_kind: dict[str, int] = field(default_factory=dict)
    by_aspect: tuple[tuple[str, int], ...] = ()


def figures(session: Session, scope: Scope, on: date | None = None) -> Figures:
    """Every figure above for one scope (the statistics screen)."""
    return figures_by_format(session, scope, on)[0]


def _recommendation_figures(session: Session, scope: Scope, on: date | None):
    """(total, by status, by outcome, overdue) from one GROUP BY status, outcome."""
    late = func.sum(case((and_(Recommendation.deadline.is_not(None), Recommendation.deadline < (on or today()),
                               Recommendation.reply_date.is_(None),
                               Recommendation.status != RecommendationStatus.CONCLUDED), 1), else_=0))
    rows = session.connection().execute(
        select(Recommendation.status, Recommendation.outcome, func.count(Recommendation.id), late)
        .where(*_recommendation_conditions(scope)).group_by(Recommendation.status, Recommendation.outcome)).all()
    by_status: dict = {}
    by_outcome: dict = {}
    for status, outcome, n, _late in rows:
        by_status[status] = by_status.get(status, 0) + n
        if outcome is not None:
            by_outcome[outcome] = by_outcome.get(outcome, 0) + n
    return sum(n for *_, n, _ in rows), by_status, by_outcome, sum(late or 0 for *_, late in rows)


def _held_visits_bulletins_instructions(session: Session, scope: Scope) -> list[tuple]:
    """(what, key, count, sort order, id) rows of one UNION ALL: "m" held meetings per format (its name,
    sort order and id), "v" visits per kind, "b" bulletins per kind, "i" instructions."""
    none = sa.null()
    held = (select(sa.literal("m"), MeetingFormat.name, func.count(Meeting.id), MeetingFormat.sort_order,
                   MeetingFormat.id)
            .join(Meeting, Meeting.format_id == MeetingFormat.id)
            .where(*_meeting_conditions(scope), *_held(True))
            .group_by(MeetingFormat.id, MeetingFormat.name, MeetingFormat.sort_order))
    visits = (select(sa.literal("v"), FieldVisit.kind, func.count(FieldVisit.id), none, none)
              .where(*_visit_conditions(scope)).group_by(FieldVisit.kind))
    bulletins = (select(sa.literal("b"), Bulletin.kind, func.count(Bulletin.id), none, none)
                 .where(*_bulletin_conditions(scope)).group_by(Bulletin.kind))
    instructions = select(sa.literal("i"), none, func.count(Instruction.id), none, none).where(
        *_instruction_conditions(scope))
    return session.connection().execute(union_all(held, visits, bulletins, instructions)).all()


def figures_by_format(session: Session, scope: Scope, on: date | None = None) -> tuple[Figures, dict[int, int]]:
    """figures() and the held meetings per format id, in three statements: the recommendations by status
    and outcome, their aspects, and the other counts together (one statement per count took 13)."""
    total, by_status, by_outcome, overdue = _recommendation_figures(session, scope, on)
    by_aspect = tuple(recommendations_by_aspect(session, scope))
    held, visits, bulletins, instructions = [], {}, [], 0
    for what, key, n, order, format_id in _held_visits_bulletins_instructions(session, scope):
        if what == "m":
            held.append((order, format_id, key, n))
        elif what == "v":
            visits[key] = n
        elif what == "b":
            bulletins.append((key, n))
        else:
            instructions = n
    held.sort(key=lambda row: (row[0], row[1]))
    bulletins.sort(key=kind_order)  # as bulletins_by_kind
    by_format = dict((name, n) for _, _, name, n in held)
    decided = sum(by_outcome.values())
    adopted = sum(n for outcome, n in by_outcome.items() if outcome in {str(o) for o in ADOPTED_OUTCOMES})
    # Aspects with a counted recommendation: by_aspect has one row for each.
    result = Figures(
        visits=sum(visits.values()), recommendations=total, aspects=len(by_aspect),
        aspect_summary=summary_text(len(by_aspect), total), by_status=_in_order(RecommendationStatus, by_status),
        by_outcome=_in_order(Outcome, by_outcome), adoption_rate=adopted / decided if decided else None,
        overdue=overdue, bulletins=sum(n for _, n in bulletins), instructions=instructions,
        meetings=sum(by_format.values()), meetings_by_format=by_format, bulletins_by_kind=dict(bulletins),
        visits_by_kind=_in_order(VisitKind, visits), by_aspect=by_aspect)
    return result, {format_id: n for _, format_id, _, n in held}


__all__ = [
    "HELD_STATUSES",
    "Figures",
    "Scope",
    "adoption_rate",
    "aspect_summary",
    "bulletin_conditions",
    "bulletins_by_kind",
    "count_aspects",
    "count_bulletins",
    "count_instructions",
    "count_meetings",
    "count_overdue",
    "count_recommendations",
    "count_visits",
    "count_visits_by_kind",
    "figures",
    "figures_by_format",
    "held_conditions",
    "instruction_conditions",
    "meeting_conditions",
    "meetings_by_format",
    "recommendation_conditions",
    "recommendations_by_aspect",
    "recommendations_by_outcome",
    "recommendations_by_status",
    "summary_text",
    "visit_conditions",
]
