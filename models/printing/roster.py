"""参会名单 in protocol order: 领导 and 特邀 first, each by rank, then 委员, 列席, 工作人员; people on leave
last under 请假 (they do not attend). Numbered per group; 备注 says 主持, 发言 or 请假 beside the notes."""

from models.services.meeting_queries import InviteeRow
from models.vocab import GUEST_CATEGORIES, AttendanceRole, MemberRole

from . import common
from .column_sizes import Size
from .layout import A4, Document, Flow
from .sheet_input import SheetInput, SheetKind, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle

ROW_MM = 8.5  # one line of 12 pt with padding fits, so single-line rows are all alike
COLUMNS = (
    Column("序号", 12, CENTER, size=Size.CONTENT, widest=12),
    Column("姓名", 30, CENTER, shrink_to=10.5),
    Column("单位及职务", 96, points=10.5, size=Size.FILL, words=True),
    Column("备注", 32, points=10.5, size=Size.CONTENT, widest=40, least=20),  # room for "请假" and a word
)
STYLE = TableStyle(min_row=ROW_MM, header_row=9.0, heading_row=ROW_MM)

LEADERS, SPECIAL, MEMBERS, LEAVE = "领导", "特邀", "委员", "请假"
LEADER_RANKS = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY_GENERAL)
GROUP_ORDER = (LEADERS, SPECIAL, MEMBERS, AttendanceRole.OBSERVE.value, AttendanceRole.STAFF.value, LEAVE)
OTHERS = "其他"
_MEMBER_ROLES = (AttendanceRole.ATTEND, AttendanceRole.SPEAKER)


def group_of(person: InviteeRow) -> str:
    if person.on_leave:
        return LEAVE
    if person.role == AttendanceRole.SPECIAL:
        return SPECIAL
    if person.role == AttendanceRole.HOST or (person.role in _MEMBER_ROLES and person.member_role in LEADER_RANKS):
        return LEADERS
    if person.role in _MEMBER_ROLES:
        return MEMBERS
    if person.role in (AttendanceRole.OBSERVE, AttendanceRole.STAFF):
        return person.role
    return OTHERS


def _rank(group: str, person: InviteeRow) -> int:
    """领导: 主席, 副主席, 秘书长, then a host of no such rank; 特邀: by guest category (领导 first)."""
    if group == LEADERS:
        return LEADER_RANKS.index(person.member_role) if person.member_role in LEADER_RANKS else len(LEADER_RANKS)
    if group == SPECIAL:
        category = person.guest_category
        return GUEST_CATEGORIES.index(category) if category in GUEST_CATEGORIES else len(GUEST_CATEGORIES)
    return 0


def in_protocol_order(invitees: list[InviteeRow]) -> list[tuple[str, list[InviteeRow]]]:
    """The groups in protocol order; within a group by rank, then in the given order (sorted() is stable)."""
    found: dict[str, list[InviteeRow]] = {}
    for person in invitees:
        found.setdefault(group_of(person), []).append(person)
    order = [*GROUP_ORDER[:-1], OTHERS, LEAVE]
    return [(group, sorted(found[group], key=lambda p, g=group: _rank(g, p))) for group in order if group in found]


def remark(person: InviteeRow) -> str:
    marks = [LEAVE] if person.on_leave else []
    if person.role in (AttendanceRole.HOST, AttendanceRole.SPEAKER):
        marks.append(person.role)
    if person.notes.strip():
        marks.append(person.notes.strip())
    return "；".join(marks)


def rows(invitees: list[InviteeRow]) -> list[Row]:
    result = []
    for group, members in in_protocol_order(invitees):
        result.append(Row(heading=f"{group}（{len(members)}人）", group=group))
        for number, person in enumerate(members, start=1):
            result.append(Row(cells=(str(number), common.spread_name(person.name), person.employer_title,
                                     remark(person)), group=group))
    return result


def layout(data: SheetInput) -> Document:
    flow = Flow(A4)
    common.title(flow, sheet_title(SheetKind.ROSTER, data.meeting))
    common.info(flow, common.time_place(data.meeting))
    Table(COLUMNS, STYLE).place(flow, rows(data.invitees))
    return flow.document
