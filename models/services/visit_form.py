"""The visit dialog's 保存 as one command: the units typed in it, the visit, and the files added meanwhile.

Nothing the dialog does before 保存 writes to the database (the files are only copied into the data
folder), so 取消 has nothing to take back but those copies.
"""

from dataclasses import replace

from sqlmodel import Session

from models.changes import Area, writes
from models.services.people import organization_id
from models.services.research import CopiedFile, VisitData, record_attachments, save_visit
from models.vocab import OrgKind


@writes(Area.VISITS, Area.ORGANIZATIONS)
def save_visit_form(session: Session, data: VisitData, units: list[int | str], copies: list[CopiedFile]) -> int:
    """`units` in their order: ids of known units, names of new ones (created here)."""
    ids = [unit if isinstance(unit, int) else organization_id(session, unit, OrgKind.OTHER) for unit in units]
    visit_id = save_visit(session, replace(data, organization_ids=ids))
    if copies:
        record_attachments(session, visit_id, copies)
    return visit_id
