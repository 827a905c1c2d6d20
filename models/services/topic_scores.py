"""议题评分: reviewers score topics on the weighted criteria; the pool is ranked by the weighted average.

A reviewer's total for a topic is Σ(score × weight) / Σ(weight) over the criteria they scored (1-10);
the topic's score is the mean of its reviewers' totals, the spread the highest minus the lowest.
Only topics scored by every reviewer of the year are ranked against each other: one reviewer's 9.2 is
not comparable with three reviewers' mean, so partly scored topics follow the ranked ones, unranked.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import ValidationError
from models.services.common import get_row
from models.services.topics import proposer_labels
from models.tables import PlanItem, Topic, TopicCriterion, TopicScore
from models.tables.lookups import MeetingFormat
from models.text import clean_line

SCORE_MIN, SCORE_MAX = 1, 10


@dataclass(frozen=True)
class Criterion:
    id: int
    name: str
    weight: float


def criteria(session: Session) -> list[Criterion]:
    rows = session.exec(select(TopicCriterion).where(TopicCriterion.active.is_(True))
                        .order_by(TopicCriterion.sort_order, TopicCriterion.id))
    return [Criterion(c.id, c.name, c.weight) for c in rows]


def check_score(value) -> int | None:
    """A score typed or read from Excel: empty → None; otherwise a whole number 1-10."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip())
    except ValueError as exc:
        raise ValidationError(f"评分“{value}”不是数字，应为 {SCORE_MIN} 到 {SCORE_MAX} 的整数。",
                              field="score") from exc
    if not number.is_integer() or not SCORE_MIN <= number <= SCORE_MAX:
        raise ValidationError(f"评分“{value}”应为 {SCORE_MIN} 到 {SCORE_MAX} 的整数。", field="score")
    return int(number)


@dataclass(frozen=True)
class ScoreEntry:
    topic_id: int
    criterion_id: int
    score: int | None  # None removes the reviewer's score
    comment: str | None = None


@writes(Area.TOPICS)
def save_scores(session: Session, reviewer: str, entries: Iterable[ScoreEntry]) -> int:
    """One reviewer's scores: a second score for the same topic and criterion replaces the first."""
    reviewer = clean_line(reviewer)
    if not reviewer:
        raise ValidationError("请填写评分人。", field="reviewer")
    if len(reviewer) > 50:
        raise ValidationError("评分人最多 50 个字。", field="reviewer")
    changed = 0
    for entry in entries:
        score = check_score(entry.score)
        get_row(session, Topic, entry.topic_id, "议题")
        row = session.exec(select(TopicScore).where(TopicScore.topic_id == entry.topic_id,
                                                    TopicScore.reviewer == reviewer,
                                                    TopicScore.criterion_id == entry.criterion_id)).first()
        comment = clean_line(entry.comment)[:500] or None
        if score is None:
            if row is not None:
                session.delete(row)
                changed += 1
            continue
        if row is None:
            session.add(TopicScore(topic_id=entry.topic_id, reviewer=reviewer, criterion_id=entry.criterion_id,
                                   score=score, comment=comment))
            changed += 1
        elif (row.score, row.comment) != (score, comment):
            row.score, row.comment = score, comment
            session.add(row)
            changed += 1
    session.flush()
    return changed


def reviewer_scores(session: Session, year: int, reviewer: str) -> dict[tuple[int, int], tuple[int, str | None]]:
    """(topic, criterion) → (score, comment) for one reviewer's topics of a year."""
    rows = session.exec(select(TopicScore).join(Topic, Topic.id == TopicScore.topic_id)
                        .where(Topic.year == year, TopicScore.reviewer == clean_line(reviewer)))
    return {(s.topic_id, s.criterion_id): (s.score, s.comment) for s in rows}


def reviewers(session: Session, year: int) -> list[str]:
    rows = session.exec(select(TopicScore.reviewer).join(Topic, Topic.id == TopicScore.topic_id)
                        .where(Topic.year == year).distinct())
    return sorted(rows)


@dataclass(frozen=True)
class TopicScoreSummary:
    average: float | None  # weighted, on the 1-10 scale
    reviewers: int
    spread: float | None
    per_reviewer: dict  # reviewer → weighted total
    per_criterion: dict  # criterion id → mean score


def score_summaries(session: Session, topic_ids: list[int]) -> dict[int, TopicScoreSummary]:
    weights = {c.id: c.weight for c in criteria(session)}
    by_topic: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for s in session.exec(select(TopicScore).where(TopicScore.topic_id.in_(topic_ids))):
        if s.criterion_id in weights:
            by_topic[s.topic_id][s.reviewer].append((s.criterion_id, s.score))
    result = {}
    for topic_id in topic_ids:
        totals, per_criterion = {}, defaultdict(list)
        for reviewer, scores in by_topic.get(topic_id, {}).items():
            weight = sum(weights[c] for c, _ in scores)
            if weight > 0:
                totals[reviewer] = sum(weights[c] * v for c, v in scores) / weight
            for c, v in scores:
                per_criterion[c].append(v)
        values = list(totals.values())
        result[topic_id] = TopicScoreSummary(
            average=sum(values) / len(values) if values else None, reviewers=len(values),
            spread=max(values) - min(values) if values else None, per_reviewer=totals,
            per_criterion={c: sum(v) / len(v) for c, v in per_criterion.items()})
    return result


@dataclass(frozen=True)
class TopicRow:
    id: int
    version: int
    year: int
    title: str
    source: str
    proposer: str
    format_id: int | None
    format_name: str
    status: str
    description: str
    background: str
    decision_note: str
    carried_from_id: int | None
    average: float | None
    reviewers: int
    spread: float | None
    rank: int | None  # only for fully scored topics
    in_plan: bool
    panel: int = 0  # how many reviewers scored topics this year

    @property
    def score_text(self) -> str:
        return f"{self.average:.2f}" if self.average is not None else ""

    @property
    def partly_scored(self) -> bool:
        """Scored, but not by every reviewer of the year: its score is not comparable and has no rank."""
        return self.average is not None and self.reviewers < self.panel

    @property
    def reviewers_text(self) -> str:
        """"3/3", or "1/3 未评完" for a topic not every reviewer has scored."""
        if not self.panel:
            return ""
        return f"{self.reviewers}/{self.panel}" + (" 未评完" if self.partly_scored else "")


def list_topics(session: Session, year: int) -> list[TopicRow]:
    """The year's pool: fully scored topics ranked by weighted score, then partly scored ones (by score,
    without a rank), then unscored ones in the order they came."""
    topics = session.exec(select(Topic).where(Topic.year == year).order_by(Topic.id)).all()
    formats = dict(session.exec(select(MeetingFormat.id, MeetingFormat.name)).all())
    planned = set(session.exec(select(PlanItem.topic_id).where(PlanItem.year == year)))
    summaries = score_summaries(session, [t.id for t in topics])
    panel = len({name for s in summaries.values() for name in s.per_reviewer})  # the year's reviewers
    ranked = sorted((t for t in topics if summaries[t.id].average is not None and summaries[t.id].reviewers == panel),
                    key=lambda t: (-summaries[t.id].average, t.id))
    ranks = {t.id: index for index, t in enumerate(ranked, start=1)}
    proposers = proposer_labels(session, topics)  # two queries, not one per topic
    rows = [TopicRow(
        id=t.id, version=t.version, year=t.year, title=t.title, source=t.source, proposer=proposers[t.id],
        format_id=t.format_id, format_name=formats.get(t.format_id, ""), status=t.status,
        description=t.description or "", background=t.background or "", decision_note=t.decision_note or "",
        carried_from_id=t.carried_from_id, average=summaries[t.id].average, reviewers=summaries[t.id].reviewers,
        spread=summaries[t.id].spread, rank=ranks.get(t.id), in_plan=t.id in planned, panel=panel) for t in topics]
    return sorted(rows, key=lambda r: (r.rank is None, r.average is None, r.rank or -(r.average or 0), r.id))


def topic_years(session: Session) -> list[int]:
    return sorted(set(session.exec(select(Topic.year).distinct())), reverse=True)
