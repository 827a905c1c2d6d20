"""签到表: title, time and place, one 12 mm row per person to sign in, "应到 N 人　　实到 ____ 人" at the end."""

from models.services.meeting_queries import InviteeRow
from models.vocab import AttendanceRole

from . import common
from .column_sizes import Size
from .fonts import Face, font
from .layout import A4, Document, Flow, TextBlock
from .sheet_input import GROUP_BY_ROLE, GROUP_BY_SECTOR, SheetInput, SheetKind, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle

ROW_MM = 12.0  # tall enough to sign
COLUMNS = (
    Column("序号", 13, CENTER, size=Size.CONTENT, widest=13),
    Column("姓名", 25, CENTER, points=14, shrink_to=10.5),
    Column("单位及职务", 50, points=10.5, size=Size.FILL, words=True),
    Column("界别", 22, CENTER, points=10.5, shrink_to=9),
    Column("签名", 38),  # 22 % of the width: room for a signature
    Column("备注", 22, CENTER, points=10.5),
)
# pad_y 1 mm: two lines of 五号 (10.5 pt) still fit a 12 mm row, so rows are all alike.
STYLE = TableStyle(min_row=ROW_MM, header_row=10.0, heading_row=9.0, pad_y=1.0)
NO_GROUP = "其他"


def listed(invitees: list[InviteeRow]) -> list[InviteeRow]:
    """Everyone but staff, in the given order."""
    return [p for p in invitees if p.role != AttendanceRole.STAFF]


def _group_key(person: InviteeRow, group_by: str) -> str:
    value = person.sector if group_by == GROUP_BY_SECTOR else person.role
    return value.strip() or NO_GROUP


def groups(people: list[InviteeRow], group_by: str | None) -> list[tuple[str, list[InviteeRow]]]:
    """By 角色 in the fixed role order, by 界别 in order of first appearance; rows keep the given order."""
    if group_by not in (GROUP_BY_SECTOR, GROUP_BY_ROLE):
        return [("", people)]
    found: dict[str, list[InviteeRow]] = {}
    for person in people:
        found.setdefault(_group_key(person, group_by), []).append(person)
    if group_by == GROUP_BY_ROLE:
        order = [role.value for role in AttendanceRole]
        return sorted(found.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return list(found.items())


def rows(people: list[InviteeRow], group_by: str | None) -> list[Row]:
    result, number = [], 0
    for key, members in groups(people, group_by):
        if key:
            result.append(Row(heading=f"{key}（{len(members)}人）", group=key))
        for person in members:
            number += 1
            remark = "请假" if person.on_leave else ""
            result.append(Row(cells=(str(number), common.spread_name(person.name), person.employer_title,
                                     person.sector, "", remark), group=key))
    return result


def layout(data: SheetInput) -> Document:
    flow = Flow(A4)
    common.title(flow, sheet_title(SheetKind.SIGN_IN, data.meeting))
    common.info(flow, common.time_place(data.meeting))
    people = listed(data.invitees)
    tail = TextBlock(f"应到 {len(people)} 人{common.GAP}实到 ______ 人", font(Face.SONG, 14),
                     flow.geometry.content_width)
    Table(COLUMNS, STYLE).place(flow, rows(people, data.options.group_by), tail=tail)
    return flow.document
