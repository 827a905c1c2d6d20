"""调研/视察: field visits with participants, units visited and attachments (copied into the data folder)."""

import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import extract, func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import DomainError, FieldErrors, InUseError, ValidationError
from models.file_names import safe_file_name, unique_file_name
from models.os_errors import os_reason
from models.services.common import INTEGER_MAX, get_row, optional_text, required_text
from models.tables import (
    Attachment,
    FieldVisit,
    FieldVisitOrganization,
    FieldVisitParticipant,
    Meeting,
    Organization,
    Person,
    Recommendation,
    Topic,
)
from models.text import clean_block, quoted
from models.vocab import VisitKind, VisitRole

ROLE_ORDER = {role.value: index for index, role in enumerate(VisitRole)}


@dataclass
class VisitData:
    kind: str
    visit_date: date | None
    title: str
    place: str | None = None
    topic_id: int | None = None
    meeting_id: int | None = None
    summary: str | None = None
    findings: str | None = None
    participants: list[tuple[int, str]] = field(default_factory=list)  # (person, 带队/参加/工作人员)
    organization_ids: list[int] = field(default_factory=list)
    id: int | None = None
    version: int | None = None


@writes(Area.VISITS)
def save_visit(session: Session, data: VisitData) -> int:
    errors = FieldErrors()
    if data.kind not in set(VisitKind):
        errors.add(f"调研形式“{data.kind}”应为实地调研、视察、座谈或走访。", "kind")
    if data.visit_date is None:
        errors.add("请填写调研日期。", "visit_date")
    title = errors.check(required_text, data.title, "调研主题", 200, "title")
    place = errors.check(optional_text, data.place, "地点", 200, "place")
    for _person_id, role in data.participants:
        if role not in set(VisitRole):
            errors.add(f"参加角色“{role}”应为带队、参加或工作人员。", "participants")
            break
    errors.raise_if_any()
    visit = FieldVisit(kind=data.kind, visit_date=data.visit_date, title="") if data.id is None else \
        get_row(session, FieldVisit, data.id, "调研", data.version)
    visit.kind, visit.visit_date = data.kind, data.visit_date
    visit.title, visit.place = title, place
    visit.topic_id, visit.meeting_id = data.topic_id, data.meeting_id
    visit.summary, visit.findings = clean_block(data.summary), clean_block(data.findings)
    wanted = {}
    for person_id, role in data.participants:
        if role not in set(VisitRole):
            raise ValidationError(f"参加角色“{role}”应为带队、参加或工作人员。", field="participants")
        wanted.setdefault(person_id, role)
    for participant in list(visit.participants):
        if participant.person_id in wanted:
            participant.role = wanted.pop(participant.person_id)
        else:
            visit.participants.remove(participant)
    for person_id, role in wanted.items():
        visit.participants.append(FieldVisitParticipant(person_id=person_id, role=role))
    for org in list(visit.organizations):
        visit.organizations.remove(org)
    session.flush()
    for position, org_id in enumerate(dict.fromkeys(data.organization_ids), start=1):
        visit.organizations.append(FieldVisitOrganization(organization_id=org_id, position=position))
    session.add(visit)
    session.flush()
    return visit.id


def create_visit(session: Session, *, kind: str, visit_date: date, title: str, participants: Iterable = (),
                 organization_ids: Iterable[int] = (), **fields) -> int:
    return save_visit(session, VisitData(kind=kind, visit_date=visit_date, title=title,
                                         participants=list(participants), organization_ids=list(organization_ids),
                                         **fields))


def get_visit(session: Session, visit_id: int) -> VisitData:
    v = get_row(session, FieldVisit, visit_id, "调研")
    return VisitData(kind=v.kind, visit_date=v.visit_date, title=v.title, place=v.place, topic_id=v.topic_id,
                     meeting_id=v.meeting_id, summary=v.summary, findings=v.findings,
                     participants=[(p.person_id, p.role) for p in v.participants],
                     organization_ids=[o.organization_id for o in sorted(v.organizations, key=lambda o: o.position)],
                     id=v.id, version=v.version)


def visit_delete_refusal(session: Session, visit_id: int) -> str | None:
    """Why this visit cannot be deleted (asked before "删除…？"), or None."""
    visit = get_row(session, FieldVisit, visit_id, "调研")
    recs = session.exec(select(func.count(Recommendation.id)).where(Recommendation.field_visit_id == visit_id)).one()
    return f"{quoted(visit.title)}已形成 {recs} 条意见建议，不能删除。" if recs else None


@writes(Area.VISITS)
def delete_visit(session: Session, visit_id: int, attachments_dir: Path | None = None) -> None:
    visit = get_row(session, FieldVisit, visit_id, "调研")
    refusal = visit_delete_refusal(session, visit_id)
    if refusal:
        raise InUseError(refusal)
    stored = [a.stored_name for a in session.exec(select(Attachment).where(Attachment.field_visit_id == visit_id))]
    session.delete(visit)
    session.flush()
    if attachments_dir is not None:
        for name in stored:
            (attachments_dir / name).unlink(missing_ok=True)


# -- attachments ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CopiedFile:
    """A file copied into the data folder, not yet recorded against a visit."""
    file_name: str
    stored_name: str
    size: int


def _reserve_name(source: Path, attachments_dir: Path) -> Path:
    """A new file in the folder named like the original ("现场照片.jpg", then "现场照片(2).jpg" …), so
    someone copying the folder can tell the files apart; created at once, so no other copy takes the name."""
    name = safe_file_name(source.name, fallback="附件")
    while True:
        target = attachments_dir / unique_file_name(attachments_dir, name)
        try:
            with open(target, "xb"):
                return target
        except FileExistsError:
            continue


def copy_attachment(source: Path, attachments_dir: Path) -> CopiedFile:
    """Copy the file into the data folder (so moving the original later loses nothing). File work only: the
    UI runs it on its file worker, so a large file never holds up the database. (Older attachments were
    stored under random names; they keep them.)"""
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"找不到文件“{source}”。", field="file")
    if source.stat().st_size > INTEGER_MAX:  # its size would not fit the size column on a PostgreSQL server
        raise ValidationError(f"文件“{source.name}”超过 2 GB，不能作为附件保存。请压缩或拆分后再添加。", field="file")
    target = None
    try:
        attachments_dir.mkdir(parents=True, exist_ok=True)
        target = _reserve_name(source, attachments_dir)
        shutil.copy2(source, target)
    except OSError as exc:
        if target is not None:
            target.unlink(missing_ok=True)
        raise DomainError(f"无法把“{source.name}”复制到数据文件夹（{os_reason(exc)}）。"
                          f"请检查文件夹“{attachments_dir}”是否可以写入、磁盘是否已满。") from exc
    return CopiedFile(source.name[:255], target.name, target.stat().st_size)


def discard_copies(copies: Iterable[CopiedFile], attachments_dir: Path) -> None:
    """Copies nobody recorded (the visit went away, the save failed): the data folder keeps no orphans."""
    for copy in copies:
        (attachments_dir / copy.stored_name).unlink(missing_ok=True)


@writes(Area.VISITS)
def record_attachments(session: Session, visit_id: int, copies: Iterable[CopiedFile],
                       description: str | None = None) -> list[int]:
    get_row(session, FieldVisit, visit_id, "调研")
    copies = list(copies)
    recorded = session.exec(select(Attachment.file_name).where(
        Attachment.stored_name.in_([copy.stored_name for copy in copies]))).first()
    if recorded is not None:  # its file was deleted by hand, so the name was free in the folder
        raise DomainError(f"数据文件夹中的附件“{recorded}”已被删除，但它的记录还在。请先在附件列表中删除这条"
                          "标有【文件缺失】的附件，再重新添加。")
    rows = [Attachment(field_visit_id=visit_id, file_name=copy.file_name, stored_name=copy.stored_name,
                       size=copy.size, description=optional_text(description, "说明", 300)) for copy in copies]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


@writes(Area.VISITS)
def add_attachment(session: Session, visit_id: int, source: Path, attachments_dir: Path,
                   description: str | None = None) -> int:
    """Copy and record one file in one go (the demo, scripts); the copy is removed if recording fails."""
    get_row(session, FieldVisit, visit_id, "调研")
    copy = copy_attachment(source, attachments_dir)
    try:
        return record_attachments(session, visit_id, [copy], description)[0]
    except Exception:
        discard_copies([copy], attachments_dir)
        raise


@writes(Area.VISITS)
def remove_attachment(session: Session, attachment_id: int, attachments_dir: Path) -> None:
    row = get_row(session, Attachment, attachment_id, "附件")
    stored = row.stored_name
    session.delete(row)
    session.flush()
    (attachments_dir / stored).unlink(missing_ok=True)


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    file_name: str
    stored_name: str
    size: int
    description: str
    path: Path
    exists: bool  # False when the file was removed from the data folder by hand: shown as missing


def list_attachments(session: Session, visit_id: int, attachments_dir: Path) -> list[AttachmentRow]:
    rows = session.exec(select(Attachment).where(Attachment.field_visit_id == visit_id).order_by(Attachment.id))
    return [AttachmentRow(a.id, a.file_name, a.stored_name, a.size, a.description or "",
                          attachments_dir / a.stored_name, (attachments_dir / a.stored_name).is_file()) for a in rows]


# -- reading -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VisitRow:
    id: int
    version: int
    kind: str
    visit_date: date
    title: str
    place: str
    topic_id: int | None
    topic_title: str
    meeting_id: int | None
    meeting_title: str
    summary: str
    findings: str
    participants: str  # "张三（带队）、李四、王五"
    participant_ids: tuple[int, ...]
    organizations: str
    attachments: int
    recommendations: int


def list_visits(session: Session, *, year: int | None = None, person_id: int | None = None,
                ids: list[int] | None = None) -> list[VisitRow]:
    """Visits newest first; with person_id only those the person joined (the member's page)."""
    query = select(FieldVisit).order_by(FieldVisit.visit_date.desc(), FieldVisit.id.desc())
    if year is not None:
        query = query.where(extract("year", FieldVisit.visit_date) == year)
    if ids is not None:
        query = query.where(FieldVisit.id.in_(ids))
    if person_id is not None:
        query = query.where(FieldVisit.id.in_(select(FieldVisitParticipant.visit_id)
                                              .where(FieldVisitParticipant.person_id == person_id)))
    visits = session.exec(query).all()
    visit_ids = [v.id for v in visits]
    topics = dict(session.exec(select(Topic.id, Topic.title)).all())
    meetings = dict(session.exec(select(Meeting.id, Meeting.title)).all())
    people, orgs = defaultdict(list), defaultdict(list)
    for visit_id, pid, name, role in session.exec(
            select(FieldVisitParticipant.visit_id, Person.id, Person.name, FieldVisitParticipant.role)
            .join(Person, Person.id == FieldVisitParticipant.person_id)
            .where(FieldVisitParticipant.visit_id.in_(visit_ids))
            .order_by(Person.sort_stroke, Person.id)):
        people[visit_id].append((ROLE_ORDER.get(role, 9), pid, name, role))
    for visit_id, name in session.exec(select(FieldVisitOrganization.visit_id, Organization.name)
                                       .join(Organization, Organization.id == FieldVisitOrganization.organization_id)
                                       .where(FieldVisitOrganization.visit_id.in_(visit_ids))
                                       .order_by(FieldVisitOrganization.position)):
        orgs[visit_id].append(name)
    attachments = dict(session.exec(select(Attachment.field_visit_id, func.count(Attachment.id))
                                    .where(Attachment.field_visit_id.in_(visit_ids))
                                    .group_by(Attachment.field_visit_id)).all())
    recs = dict(session.exec(select(Recommendation.field_visit_id, func.count(Recommendation.id))
                             .where(Recommendation.field_visit_id.in_(visit_ids),
                                    Recommendation.duplicate_of_id.is_(None))
                             .group_by(Recommendation.field_visit_id)).all())
    rows = []
    for v in visits:
        joined = sorted(people[v.id], key=lambda p: p[0])
        label = "、".join(f"{name}（{role}）" if role != VisitRole.MEMBER else name for _, _, name, role in joined)
        rows.append(VisitRow(v.id, v.version, v.kind, v.visit_date, v.title, v.place or "", v.topic_id,
                             topics.get(v.topic_id, ""), v.meeting_id, meetings.get(v.meeting_id, ""),
                             v.summary or "", v.findings or "", label, tuple(pid for _, pid, _, _ in joined),
                             "、".join(orgs[v.id]), attachments.get(v.id, 0), recs.get(v.id, 0)))
    return rows


def visit_years(session: Session) -> list[int]:
    years = session.exec(select(extract("year", FieldVisit.visit_date)).distinct())
    return sorted({int(y) for y in years if y is not None}, reverse=True)
