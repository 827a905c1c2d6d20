"""参会名单: everyone on the list grouped by role (主持, 出席, 列席, 特邀, 发言, 工作人员), numbered per group."""

from models.services.meeting_queries import InviteeRow
from models.vocab import AttendanceRole

from . import common
from .layout import A4, Document, Flow
from .sheet_input import SheetInput, SheetKind, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle

ROW_MM = 8.5  # one line of 12 pt with padding fits, so single-line rows are all alike
COLUMNS = (
    Column("序号", 12, CENTER),
    Column("姓名", 30, CENTER, shrink_to=10.5),
    Column("单位及职务", 96, points=10.5),
    Column("备注", 32, points=10.5),
)
STYLE = TableStyle(min_row=ROW_MM, header_row=9.0, heading_row=ROW_MM)


def by_role(invitees: list[InviteeRow]) -> list[tuple[str, list[InviteeRow]]]:
    groups = []
    for role in AttendanceRole:
        members = [p for p in invitees if p.role == role]
        if members:
            groups.append((role.value, members))
    known = {role.value for role in AttendanceRole}
    others = [p for p in invitees if p.role not in known]
    if others:
        groups.append(("其他", others))
    return groups


def rows(invitees: list[InviteeRow]) -> list[Row]:
    result = []
    for role, members in by_role(invitees):
        result.append(Row(heading=f"{role}（{len(members)}人）", group=role))
        for number, person in enumerate(members, start=1):
            result.append(Row(cells=(str(number), common.spread_name(person.name), person.employer_title,
                                     person.notes), group=role))
    return result


def layout(data: SheetInput) -> Document:
    flow = Flow(A4)
    common.title(flow, sheet_title(SheetKind.ROSTER, data.meeting))
    common.info(flow, common.time_place(data.meeting))
    Table(COLUMNS, STYLE).place(flow, rows(data.invitees))
    return flow.document
