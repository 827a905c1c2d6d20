"""入场码: the code on a 参会证's QR, which a USB scanner types into 签到模式.

"CD1-<meeting id>-<tag>": the tag is an HMAC of (meeting id, invitation id) with the database's own secret
(office setting ENTRY_CODE_SECRET), so the code carries no name, phone or other personal data, cannot be
made up from a list of names, and proves nothing at another meeting. The meeting id in clear lets the door
say "this card is for another meeting" instead of "unknown". No schema change: codes are recomputed.
"""

import base64
import hashlib
import hmac
import re
import secrets

from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import DomainError, ValidationError
from models.services.app_settings import get_setting, set_setting
from models.settings import ENTRY_CODE_SECRET
from models.tables import Attendance, Meeting

PREFIX = "CD1"  # "1": the version of this scheme, should it ever change
TAG_CHARS = 12  # base32: 60 bits
_CODE = re.compile(rf"^\s*{PREFIX}-(\d{{1,9}})-([A-Z2-7]{{{TAG_CHARS}}})\s*$", re.IGNORECASE)


def code_for(secret: str, meeting_id: int, attendance_id: int) -> str:
    """The entry code of one invitation. Letters, digits and "-" only: what every scanner types alike."""
    message = f"{meeting_id}:{attendance_id}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    tag = base64.b32encode(digest).decode()[:TAG_CHARS]
    return f"{PREFIX}-{meeting_id}-{tag}"


def looks_like_code(text: str) -> bool:
    """Whether typed text is meant as an entry code (then it is not looked up as a name)."""
    return text.strip().upper().startswith(PREFIX + "-")


NO_SECRET_FOR_VIEWER = ("本数据库还没有入场码密钥，只有查看权限的账号无法生成，因此暂时不能打印参会证。"
                        "请任意一位编辑人员用协商会务台连接一次办公室数据库（程序会自动生成），再打印。")


@writes(Area.SETTINGS)
def entry_secret(session: Session) -> str:
    """The database's key; made when missing (every editor's opening makes it already: make_entry_secret)."""
    make_entry_secret(session)
    return get_setting(session, ENTRY_CODE_SECRET)


@writes(Area.SETTINGS)
def make_entry_secret(session: Session) -> bool:
    """Make the key if the database has none (True if made now). Run whenever an editing account opens a
    database (models/migrate.py, with the seeding), so a view-only account, which may not write, finds it when
    it prints 参会证 — in existing databases too."""
    if get_setting(session, ENTRY_CODE_SECRET):
        return False
    set_setting(session, ENTRY_CODE_SECRET, secrets.token_hex(32))
    return True


def stored_entry_secret(session: Session) -> str:
    """The key, read only (a view-only account prints 参会证 with it); a Chinese refusal when there is none."""
    secret = get_setting(session, ENTRY_CODE_SECRET)
    if not secret:
        raise DomainError(NO_SECRET_FOR_VIEWER)
    return secret


@writes(Area.SETTINGS)
def entry_codes(session: Session, meeting_id: int) -> dict[int, str]:
    """Every invitation of the meeting → its entry code, for printing the cards."""
    secret = entry_secret(session)
    ids = session.exec(select(Attendance.id).where(Attendance.meeting_id == meeting_id)).all()
    return {attendance_id: code_for(secret, meeting_id, attendance_id) for attendance_id in ids}


def find_by_code(session: Session, meeting_id: int, code: str) -> int:
    """The invitation (attendance id) of this meeting the code belongs to; a Chinese refusal otherwise."""
    found = _CODE.match(code or "")
    shown = (code or "").strip()
    if found is None:
        raise ValidationError(f"无法识别的入场码“{shown}”。请改为输入姓名或座位号签到。")
    code_meeting = int(found.group(1))
    secret = get_setting(session, ENTRY_CODE_SECRET)
    if not secret:
        raise ValidationError("本数据库还没有打印过参会证，无法识别此入场码。请改为输入姓名或座位号签到。")
    wanted = code_for(secret, code_meeting, 0).rsplit("-", 1)[0] + "-" + found.group(2).upper()
    ids = session.exec(select(Attendance.id).where(Attendance.meeting_id == code_meeting)).all()
    match = next((i for i in ids if hmac.compare_digest(code_for(secret, code_meeting, i), wanted)), None)
    if match is None:
        raise ValidationError(f"无效的入场码“{shown}”：不是本会议参会人员的参会证（可能已被移出名单）。"
                              "请改为输入姓名或座位号签到。")
    if code_meeting != meeting_id:
        other = session.get(Meeting, code_meeting)
        name = (other.title or "").strip() if other is not None else ""
        title = "另一个会议" if not name else name if "“" in name else f"“{name}”"  # titles often quote already
        raise ValidationError(f"这是{title}的参会证，不能用于本会议签到。")
    return match
