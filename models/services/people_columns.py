"""The columns of the register, shared by the 委员 screen and the Excel export."""

from dataclasses import dataclass

from models.services.people_list import PersonRow


@dataclass(frozen=True)
class Column:
    key: str  # attribute of the row (PersonRow, InviteeRow …)
    header: str
    chars: int  # typical width in Chinese characters, for screens and sheets
    default: bool = True  # shown until the user chooses otherwise


PERSON_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", 6),
    Column("gender", "性别", 3),
    Column("ethnicity", "民族", 5, default=False),
    Column("birth", "出生年月", 7, default=False),
    Column("party", "党派", 6),
    Column("sector", "界别", 8),
    Column("levels", "级别", 5),
    Column("role", "身份", 5),
    Column("committee", "专委会", 10),
    Column("liaison_group", "街镇联络组", 9),
    Column("term", "届次", 6, default=False),
    Column("employer_title", "工作单位及职务", 22),
    Column("mobile", "手机", 11),
    Column("office_phone", "办公电话", 11, default=False),
    Column("education", "学历", 6, default=False),
    Column("email", "电子邮箱", 16, default=False),
    Column("address", "通讯地址", 18, default=False),
    Column("guest_category", "嘉宾类别", 7, default=False),
    Column("status", "状态", 4, default=False),
    Column("notes", "备注", 16, default=False),
)
COLUMNS_BY_KEY = {column.key: column for column in PERSON_COLUMNS}


def cell_value(row: PersonRow, key: str) -> str:
    value = getattr(row, key)
    return value if isinstance(value, str) else ("" if value is None else str(value))
