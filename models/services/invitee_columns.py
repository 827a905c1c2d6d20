"""The columns of a meeting's invitee list: the 参会人员 tab shows them, the Excel 参会名单 writes the same."""

from models.columns import RIGHT, Column, by_key
from models.services.meeting_queries import InviteeRow
from models.vocab import GUEST_CATEGORIES

OTHER_GUESTS = GUEST_CATEGORIES[-1]  # 其他: the domain's category for a guest nobody classified


def _seat_sort(row: InviteeRow):
    return (not row.seat_no.isdigit(), row.seat_no.zfill(6))


def _checked_in(row: InviteeRow):
    """签到时间 as the list may claim it: none for a person on leave, whatever was recorded before the leave
    (the screen and the Excel 参会名单 both read it here)."""
    return None if row.on_leave else row.checked_in_at


def _identity(row: InviteeRow) -> str:
    """身份: the committee role of a member, the guest category of a guest, 其他 for a guest of no category
    (as the notice counts them among 其他特邀人员), never an empty cell."""
    return row.member_role or row.guest_category or OTHER_GUESTS


INVITEE_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", chars=6, sort=lambda r: r.sort_stroke, coloured=False),
    Column("gender", "性别", chars=3, default=False, coloured=False),
    Column("employer_title", "单位及职务", chars=17, coloured=False),
    Column("sector", "界别", chars=6, coloured=False),
    Column("party", "党派", chars=6, default=False, coloured=False),
    Column("levels", "级别", chars=5, default=False, coloured=False),
    Column("member_role", "身份", text=_identity, chars=5, coloured=False),
    Column("role", "参会角色", chars=5, coloured=False),
    Column("invite_status", "回复状态", chars=5),
    Column("leave_reason", "请假事由", chars=9, coloured=False),
    Column("leave_approved_by", "批准人", chars=6, default=False, coloured=False),
    Column("seat_no", "座位号", chars=4, sort=_seat_sort, coloured=False),
    Column("speech_order", "发言顺序", text=lambda r: str(r.speech_order or ""), chars=4, align=RIGHT,
           sort=lambda r: r.speech_order or 999, value=lambda r: r.speech_order, coloured=False),
    Column("speech_title", "发言题目", chars=20, default=False, coloured=False),
    Column("checked_in_at", "签到时间", text=lambda r: f"{_checked_in(r):%H:%M}" if _checked_in(r) else "",
           chars=4, sort=lambda r: (_checked_in(r) is None, _checked_in(r) or 0), value=_checked_in, coloured=False),
    Column("result", "出勤", chars=3),
    Column("mobile", "手机", chars=8, coloured=False),
    Column("office_phone", "办公电话", chars=11, default=False, coloured=False),
    Column("notes", "备注", chars=9, coloured=False),
)
INVITEE_COLUMNS_BY_KEY = by_key(INVITEE_COLUMNS)
DEFAULT_INVITEE_KEYS = tuple(column.key for column in INVITEE_COLUMNS if column.default)
