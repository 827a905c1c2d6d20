"""The default wording of a 会议通知 and its 回执 line, as plain text the user may edit (no Qt here)."""

import re
from datetime import date

from models.services.meeting_queries import AgendaRow, InviteeRow, MeetingRow, chinese_date
from models.settings import PRINT_ISSUER
from models.vocab import AttendanceRole, MemberRole

from .sheet_input import SheetOptions, meeting_name

CHINESE_NUMBERS = "一二三四五六七八九十"
# A section heading of a notice ("一、会议时间"): the PDF and the Word file both set it apart by this one rule.
SECTION_HEADING = re.compile(rf"^[{CHINESE_NUMBERS}]+、[^。]{{0,20}}$")
TIME_MISSING, VENUE_MISSING = "（时间另行通知）", "（地点另行通知）"
# 嘉宾 categories as a notice names them.
_GUEST_PHRASES = {"领导": "有关区领导", "部门负责人": "有关部门负责同志", "专家学者": "专家学者",
                  "媒体": "新闻媒体记者", "企业代表": "企业代表", "群众代表": "群众代表"}
_CHAIRS = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY_GENERAL)


def chinese_day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def month_day(value: date) -> str:
    return f"{value.month}月{value.day}日"


def item_number(index: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (enough for numbered items)."""
    if index <= 10:
        return CHINESE_NUMBERS[index - 1]
    tens, ones = divmod(index, 10)
    return (CHINESE_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def reply_deadline(meeting: MeetingRow, options: SheetOptions) -> date | None:
    """The date typed in the dialog, else options.reply_lead working days before the meeting."""
    if options.reply_by is not None:
        return options.reply_by
    if meeting.starts_at is None:
        return None
    return options.calendar.days_before(meeting.starts_at.date(), options.reply_lead).day


def contact_text(meeting: MeetingRow) -> str:
    name = meeting.contact_name.strip() or "　　　　"
    phone = meeting.contact_phone.strip() or "　　　　　　"
    return f"联系人：{name}，联系电话：{phone}"


def reply_request(meeting: MeetingRow, options: SheetOptions) -> str:
    """"请于5月15日前将回执报送区政协办公室" — the line on the notice and under the 回执."""
    deadline = reply_deadline(meeting, options)
    when = f"请于{month_day(deadline)}前" if deadline else "请于会前"
    return f"{when}将回执报送{options.issuer or PRINT_ISSUER.default}"


def addressee(invitees: list[InviteeRow]) -> str:
    """主送: "各位委员：", with "各有关单位" when people other than members are invited."""
    people = [p for p in invitees if p.role != AttendanceRole.STAFF]
    members = any(p.member_role for p in people)
    guests = any(not p.member_role for p in people)
    if guests and members:
        return "各位委员，各有关单位："
    if guests:
        return "各有关单位："
    return "各位委员："


def upper_members(people: list[InviteeRow]) -> str:
    """"在区全国政协委员、市政协委员3人": the kinds present, in rank order, one count for all of them."""
    kinds = [f"{level}政协委员" for level in ("全国", "市")
             if any(level in p.levels.split("、") for p in people)]
    return f"在区{'、'.join(kinds) or '上级政协委员'}{len(people)}人"


def participants_summary(invitees: list[InviteeRow]) -> str:
    """"区政协主席、副主席，区政协常委、委员25人，有关部门负责同志5人" — by role, with counts."""
    people = [p for p in invitees if p.role != AttendanceRole.STAFF]
    parts = []
    chairs = [role.value for role in _CHAIRS if any(p.member_role == role for p in people)]
    if chairs:
        parts.append("区政协" + "、".join(chairs))
    members = [p for p in people if p.member_role in (MemberRole.STANDING, MemberRole.MEMBER)]
    district = [p for p in members if "区" in p.levels.split("、") or not p.levels]
    upper = [p for p in members if p.levels and "区" not in p.levels.split("、")]
    if district:
        has_standing = any(p.member_role == MemberRole.STANDING for p in district)
        parts.append(f"区政协{'常委、委员' if has_standing else '委员'}{len(district)}人")
    if upper:
        parts.append(upper_members(upper))
    guests: dict[str, int] = {}
    for p in people:
        if not p.member_role:
            phrase = _GUEST_PHRASES.get(p.guest_category, "其他特邀人员")
            guests[phrase] = guests.get(phrase, 0) + 1
    parts += [f"{phrase}{count}人" for phrase, count in guests.items()]
    if not parts:
        return "另行通知"
    return "，".join(parts) + (f"（共{len(people)}人）" if len(parts) > 1 else "")


def agenda_lines(agenda: list[AgendaRow]) -> list[str]:
    lines = []
    for index, item in enumerate(agenda, start=1):
        who = item.speaker.strip().strip("()（）")
        speaker = f"（{who}）" if who else ""
        end = "。" if index == len(agenda) else "；"
        lines.append(f"（{item_number(index)}）{item.title.strip()}{speaker}{end}")
    return lines


def default_notice_text(meeting: MeetingRow, invitees: list[InviteeRow], agenda: list[AgendaRow],
                        options: SheetOptions) -> str:
    """The body of the notice: paragraphs separated by newlines, numbered items 一、二、…"""
    when = chinese_date(meeting.starts_at) or TIME_MISSING
    venue = meeting.venue.strip() or VENUE_MISSING
    name = meeting_name(meeting)
    sections = [("会议时间", [when + "。"]), ("会议地点", [venue + "。"]),
                ("参加人员", [participants_summary(invitees) + "。"])]
    if agenda:
        sections.append(("会议议程", agenda_lines(agenda)))
    sections.append(("有关要求", [f"{reply_request(meeting, options)}。如因故不能参会，请提前履行请假手续。",
                                  contact_text(meeting) + "。"]))
    lines = [f"经研究，定于{when}召开{name}。现将有关事项通知如下："]
    for index, (heading, body) in enumerate(sections, start=1):
        lines.append(f"{item_number(index)}、{heading}")
        lines.extend(body)
    lines += ["特此通知。", "附件：会议回执"]
    return "\n".join(lines)
