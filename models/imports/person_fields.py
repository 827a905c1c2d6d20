"""The columns a people workbook may have, and parsers for the cells the person rules do not cover."""

import re

from models.dates import parse_date_cell
from models.errors import ValidationError
from models.imports.record_ids import parse_record_id
from models.imports.xlsx_reader import cell_text, normalize_header
from models.services.people_list import LEVEL_ORDER
from models.services.person_rules import check_email, check_gender, check_mobile, parse_birth
from models.text import clean_block
from models.vocab import Level, MemberRole

_LEVEL_SPLIT = re.compile(r"[、,，/／;；\s]+|和|及")

# Field key → header texts recognised (the first is the label the column editor shows).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("编号", "编号（勿改）", "ID", "人员编号"), "name": ("姓名", "名字", "委员姓名", "人员姓名"),
    "gender": ("性别",), "ethnicity": ("民族",), "birth": ("出生年月", "出生日期", "出生年月日", "生日", "出生时间"),
    "party": ("党派", "政治面貌", "党派/政治面貌", "党派（政治面貌）", "党派及政治面貌"),
    "education": ("学历", "文化程度", "学历学位"),
    "employer_title": ("工作单位及职务", "单位职务", "工作单位", "单位及职务", "工作单位职务", "单位",
                       "工作单位及职务（职称）", "单位及职务（职称）"),
    "mobile": ("手机", "手机号码", "手机号", "联系电话", "移动电话", "电话", "联系方式"),
    "office_phone": ("办公电话", "座机", "办公室电话", "固定电话"),
    "email": ("电子邮箱", "邮箱", "Email", "E-mail", "电子邮件"),
    "address": ("通讯地址", "地址", "联系地址", "通信地址"),
    "notes": ("备注", "说明"), "level": ("级别", "委员级别"), "term": ("届次", "届别"),
    "start_date": ("任职起始日期", "任职时间", "起始日期", "任职日期", "任职开始日期", "任职起始时间", "开始任职时间",
                   "任职起始年月", "任职年月", "任职起始"),
    "sector": ("界别", "所在界别", "界别名称"), "role": ("身份", "政协职务", "委员身份"),
    "committee": ("专委会", "所在专委会", "专门委员会", "所属专委会"),
    "liaison_group": ("街镇联络组", "联络组", "所属联络组", "委员联络组"),
    "guest_category": ("嘉宾类别", "人员类别"), "status": ("状态", "在任状态"), "seq": ("序号", "顺序号"),
}
FIELD_LABELS: dict[str, str] = {key: aliases[0] for key, aliases in FIELD_ALIASES.items()} | {"seq": "序号（不导入）"}
HEADER_ALIASES = {alias: key for key, aliases in FIELD_ALIASES.items() for alias in aliases}
NORMALIZED_ALIASES = {normalize_header(alias): key for alias, key in HEADER_ALIASES.items()}

# ---- cell values the person rules do not cover ---------------------------------------------------

def parse_levels(value) -> list[str]:
    """级别 such as 区, 区政协, 区级, 市政协委员, "区、市" → levels in 区, 市, 全国 order."""
    levels = set()
    for token in filter(None, _LEVEL_SPLIT.split(cell_text(value))):
        core = token.removesuffix("委员").removesuffix("政协").removesuffix("级")
        if core not in LEVEL_ORDER:
            raise ValidationError(f"委员级别“{token}”应为全国、市或区（可写“区、市”表示多个级别）。", field="level")
        levels.add(Level(core))
    return sorted(levels, key=LEVEL_ORDER.get)


def parse_role(value) -> str:
    text = cell_text(value)
    core = re.sub(r"^(全国政协|市政协|区政协|政协)", "", text).replace("常务委员", "常委")
    if core not in set(MemberRole):
        raise ValidationError(f"身份“{text}”应为主席、副主席、秘书长、常委或委员。", field="role")
    return core


def parse_status(value) -> bool:
    text = cell_text(value)
    if text not in ("在任", "在职", "离任", "已离任"):
        raise ValidationError(f"状态“{text}”应为“在任”或“离任”。", field="status")
    return text in ("在任", "在职")


def parse_start_date(value):
    """任职起始日期: a date cell, an Excel day count, or text; a month alone (2023年1月, 2023.1) is its 1st."""
    return parse_date_cell(value, "任职起始日期", field="start_date", month_only=True)


def parse_id(value) -> int:
    return parse_record_id(value, "编号", "编号列来自导出的文件，请勿修改；新人员请留空。")


PARSERS = {
    "id": parse_id, "birth": parse_birth, "start_date": parse_start_date, "level": parse_levels, "role": parse_role,
    "status": parse_status,
    "gender": lambda v: check_gender(cell_text(v).removesuffix("性")),
    "mobile": lambda v: check_mobile(v if isinstance(v, (int, float)) else cell_text(v)),
    "email": lambda v: check_email(cell_text(v)),
    "notes": lambda v: clean_block(v if isinstance(v, str) else cell_text(v)),
}


