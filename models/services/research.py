"""调研/视察: recording field visits with their participants and the units visited."""

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session

from models.errors import ValidationError
from models.services.common import optional_text, required_text
from models.tables import FieldVisit, FieldVisitOrganization, FieldVisitParticipant
from models.text import clean_block
from models.vocab import VisitKind, VisitRole


def create_visit(session: Session, *, kind: str, visit_date: date, title: str, place=None,
                 topic_id: int | None = None, meeting_id: int | None = None, summary=None, findings=None,
                 participants: Iterable[tuple[int, str]] = (), organization_ids: Iterable[int] = ()) -> int:
    if kind not in set(VisitKind):
        raise ValidationError(f"未知的调研形式“{kind}”。", field="kind")
    if visit_date is None:
        raise ValidationError("请填写调研日期。", field="visit_date")
    visit = FieldVisit(kind=kind, visit_date=visit_date, title=required_text(title, "调研主题", 200, "title"),
                       place=optional_text(place, "地点", 200), topic_id=topic_id, meeting_id=meeting_id,
                       summary=clean_block(summary), findings=clean_block(findings))
    seen = set()
    for person_id, role in participants:
        if person_id in seen:
            continue
        seen.add(person_id)
        if role not in set(VisitRole):
            raise ValidationError(f"未知的参加角色“{role}”。")
        visit.participants.append(FieldVisitParticipant(person_id=person_id, role=role))
    for position, org_id in enumerate(dict.fromkeys(organization_ids), start=1):
        visit.organizations.append(FieldVisitOrganization(organization_id=org_id, position=position))
    session.add(visit)
    session.flush()
    return visit.id
