"""Checking and normalising what people type or import about a person (messages in Chinese)."""

import re
from datetime import date, datetime

from models.clock import today
from models.errors import ValidationError
from models.text import clean_line

_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_DOTS = str.maketrans({"•": "·", "・": "·", "．": "·", "∙": "·", "⋅": "·"})
_MOBILE = re.compile(r"^1\d{10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_BIRTH_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?)?\s*月?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})?$"),
    re.compile(r"^(\d{4})\s*年?$"),
)
NAME_MAX = 100
BIRTH_HINT = "请写成 1968-05、1968.5、1968年5月 或 196805"


def normalize_name(value) -> str:
    """Chinese names lose every space (rosters pad 2-character names: "张  伟"); dots become "·"."""
    text = clean_line(value).translate(_DOTS)
    if _CJK.search(text):
        text = re.sub(r"\s+", "", text)
    return text


def check_name(value) -> str:
    name = normalize_name(value)
    if not name:
        raise ValidationError("请填写姓名。", field="name")
    if len(name) > NAME_MAX:
        raise ValidationError(f"姓名最多 {NAME_MAX} 个字，当前 {len(name)} 个字。", field="name")
    return name


def parse_birth(value) -> tuple[int | None, int | None]:
    """出生年月 from a date cell or text such as 1968-05, 1968.5, 1968年5月, 196805 → (1968, 5)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, (datetime, date)):
        year, month = value.year, value.month
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_birth(str(int(value)) if float(value).is_integer() else str(value))
    else:
        text = clean_line(value).replace(" ", "")
        for pattern in _BIRTH_PATTERNS:
            match = pattern.match(text)
            if match:
                year = int(match.group(1))
                month = int(match.group(2)) if match.lastindex and match.lastindex >= 2 and match.group(2) else None
                break
        else:
            raise ValidationError(f"出生年月“{clean_line(value)}”无法识别，{BIRTH_HINT}。", field="birth")
    if not 1900 <= year <= today().year:
        raise ValidationError(f"出生年份 {year} 不在合理范围内，{BIRTH_HINT}。", field="birth")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(f"出生月份 {month} 不存在，{BIRTH_HINT}。", field="birth")
    return year, month


def format_birth(year: int | None, month: int | None) -> str:
    if not year:
        return ""
    return f"{year}.{month:02d}" if month else str(year)


def check_mobile(value) -> str | None:
    """11 digits starting with 1; spaces, dashes and a +86 prefix are tolerated and removed."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s\-()（）]", "", clean_line(value))
    if not text:
        return None
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    if not _MOBILE.match(text):
        raise ValidationError(f"手机号码“{clean_line(value)}”应为以 1 开头的 11 位数字。", field="mobile")
    return text


def check_email(value) -> str | None:
    text = clean_line(value)
    if not text:
        return None
    if not _EMAIL.match(text):
        raise ValidationError(f"电子邮箱“{text}”格式不正确，应类似 name@example.com。", field="email")
    return text


def check_gender(value) -> str | None:
    text = clean_line(value)
    if not text:
        return None
    if text in ("男", "女"):
        return text
    raise ValidationError(f"性别“{text}”应为“男”或“女”。", field="gender")
