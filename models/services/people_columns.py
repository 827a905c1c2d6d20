"""The columns of the register, shared by the 委员 screen and its Excel export."""

from datetime import date

from models.columns import Column, by_key
from models.dates import format_date
from models.services.people_list import PersonRow


def _birth_sort(row: PersonRow):
    return (row.birth_year is None, row.birth_year or 0, row.birth_month or 0, row.sort_stroke)


PERSON_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", chars=6),
    Column("gender", "性别", chars=3),
    Column("ethnicity", "民族", chars=5, default=False),
    Column("birth", "出生年月", chars=7, default=False, sort=_birth_sort),
    Column("party", "党派", chars=6),
    Column("sector", "界别", chars=8),
    Column("levels", "级别", chars=5),
    Column("role", "身份", chars=5),
    Column("committee", "专委会", chars=10),
    Column("liaison_group", "街镇联络组", chars=9),
    Column("term", "届次", chars=6, default=False),
    Column("start_date", "任职起始日期", text=lambda row: format_date(row.start_date), chars=8, default=False,
           sort=lambda row: (row.start_date is None, row.start_date or date.min, row.sort_stroke),
           value=lambda row: row.start_date),  # a real date in Excel, read back by the import
    Column("employer_title", "工作单位及职务", chars=22),
    Column("mobile", "手机", chars=11),
    Column("office_phone", "办公电话", chars=11, default=False),
    Column("education", "学历", chars=6, default=False),
    Column("email", "电子邮箱", chars=16, default=False),
    Column("address", "通讯地址", chars=18, default=False),
    Column("guest_category", "嘉宾类别", chars=7, default=False),
    Column("status", "状态", chars=4, default=False),
    Column("notes", "备注", chars=16, default=False),
)
COLUMNS_BY_KEY = by_key(PERSON_COLUMNS)


def cell_value(row: PersonRow, key: str) -> str:
    return COLUMNS_BY_KEY[key].cell(row)
