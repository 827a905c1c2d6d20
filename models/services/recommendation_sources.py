"""What 按来源录入 offers: every meeting (not cancelled) and visit of any year, newest first, then the
free-standing kinds (提案, 社情民意) of the year being looked at.

Not limited to the page's year: a meeting just held (or next year's) must be offered without first
switching the year. A meeting's or visit's recommendations belong to its own year.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from models.services.meeting_queries import list_meetings
from models.services.recommendation_entry import Source
from models.services.research import list_visits
from models.vocab import MeetingStatus, RecommendationSource


@dataclass(frozen=True)
class SourceChoice:
    label: str
    source: Source
    when: date | None = None  # for ordering; None for the free-standing kinds


def entry_sources(session: Session, year: int) -> list[SourceChoice]:
    dated: list[SourceChoice] = []
    for m in list_meetings(session):
        if m.status == MeetingStatus.CANCELLED:
            continue
        when = m.starts_at.date() if isinstance(m.starts_at, datetime) else None
        label = f"{m.format_name}：{m.title}（{when:%Y-%m-%d}）" if when else f"{m.format_name}：{m.title}（未定时间）"
        dated.append(SourceChoice(label, Source(when.year if when else year, RecommendationSource.MEETING,
                                                meeting_id=m.id), when))
    for v in list_visits(session):
        dated.append(SourceChoice(f"调研：{v.title}（{v.visit_date:%Y-%m-%d}）",
                                  Source(v.visit_date.year, RecommendationSource.VISIT, field_visit_id=v.id),
                                  v.visit_date))
    dated.sort(key=lambda c: (c.when is not None, c.when or date.min), reverse=True)  # undated ones last
    free = [SourceChoice(f"{kind.value}（{year}年，不对应会议或调研）", Source(year, kind.value))
            for kind in (RecommendationSource.PROPOSAL, RecommendationSource.SOCIAL_CONDITIONS)]
    return dated + free


__all__ = ["SourceChoice", "entry_sources"]
