"""Demo 全体会议 and 专题议政性常委会议: every district member is expected at the plenary, every 常委 at the
standing sessions, so 履职档案 and 谈话提醒 reflect real participation (without them most members would
show no activity at all).

Their attendance rows (over 300 for a plenary) are added in bulk; the meeting then goes through the
services like any other, and 已召开 fixes each row's 出席/请假/缺席.
"""

from datetime import datetime, timedelta

from models.demo.content.sessions import PLENARIES, PLENARY_AGENDA, STANDING_SESSIONS
from models.demo.events import EventsBuilder
from models.services.common import meeting_format_id
from models.services.lookups import add_value
from models.services.meetings import add_agenda_item, change_meeting_status, create_meeting, save_minutes
from models.services.recommendations import change_recommendation_status
from models.vocab import AttendanceRole, MeetingStatus, RecommendationStatus

# Not a built-in format: the demo office added it in 参数设置 (it scores as 其他会议活动).
PLENARY_FORMAT = "全体会议"
# (leave, no reply, absent) shares, as for other meetings (events.MEETING_MISSES).
PLENARY_MISSES, STANDING_MISSES = (0.07, 0.0, 0.03), (0.08, 0.01, 0.03)
OFFICE = "区政协办公室"


def add_plenary_format(session) -> int:
    return add_value(session, "meeting_format", PLENARY_FORMAT).id


class SessionsBuilder:
    """Plenary and standing sessions of one year, using that year's EventsBuilder for the shared steps."""

    def __init__(self, events: EventsBuilder, plenary_format_id: int):
        self.events, self.plenary_format_id = events, plenary_format_id
        self.session, self.rng, self.people = events.session, events.rng, events.people
        self.standing_format_id = meeting_format_id(self.session, "standing")

    def build(self) -> None:
        year = self.events.year
        self.plenary(PLENARIES[year])
        for spec in STANDING_SESSIONS:
            if spec["starts_at"][0] == year:
                self.standing(spec)

    # -- the two kinds ------------------------------------------------------------------------------
    def plenary(self, spec: dict) -> None:
        p, starts_at = self.people, datetime(*spec["starts_at"])
        meeting_id = self._meeting(self.plenary_format_id, spec["meeting_title"], starts_at,
                                   starts_at + timedelta(hours=8, minutes=30), spec["venue"], p.chair)
        for time_text, title in PLENARY_AGENDA:
            add_agenda_item(self.session, meeting_id, title, time_text=time_text)
        people = [(pid, AttendanceRole.HOST if pid == p.chair else AttendanceRole.ATTEND) for pid in p.district]
        people += [(pid, AttendanceRole.SPECIAL) for pid, _title in p.leaders]
        people += [(pid, AttendanceRole.OBSERVE) for pid in p.department_heads.values()]
        if self.events.plan.upper_members:
            people += [(pid, AttendanceRole.OBSERVE) for pid in p.national + p.municipal if pid not in p.district]
        people += [(p.media[0], AttendanceRole.OBSERVE)] + [(pid, AttendanceRole.STAFF) for pid in p.staff]
        present = self._attend(meeting_id, starts_at, people, PLENARY_MISSES)
        self._conclude(meeting_id, starts_at, spec, present, minutes=spec["minutes"])

    def standing(self, spec: dict) -> None:
        p, starts_at = self.people, datetime(*spec["starts_at"])
        host = p.vice_chairs[self.rng.randrange(len(p.vice_chairs))]
        meeting_id = self._meeting(self.standing_format_id, spec["meeting_title"], starts_at,
                                   starts_at + timedelta(hours=2, minutes=30), "区政协机关四楼常委会议室", host)
        head = p.department_heads.get(spec["undertaker"])
        items = (("主持人宣布会议开始", host), (f"{spec['undertaker']}通报有关情况", head),
                 ("常委围绕专题议政发言", None), ("区政协主席讲话", p.chair))
        for minutes, (title, speaker) in zip((0, 5, 30, 120), items, strict=True):
            add_agenda_item(self.session, meeting_id, title,
                            time_text=(starts_at + timedelta(minutes=minutes)).strftime("%H:%M"),
                            speaker=self.events.name(speaker) if speaker else None)
        committee = [p.chair, *p.vice_chairs, p.secretary_general, *p.standing]
        people = [(pid, AttendanceRole.HOST if pid == host else AttendanceRole.ATTEND) for pid in committee]
        if head:
            people.append((head, AttendanceRole.OBSERVE))
        people += [(pid, AttendanceRole.STAFF) for pid in p.staff[:3]]
        present = self._attend(meeting_id, starts_at, people, STANDING_MISSES)
        minutes = (f"会议由区政协副主席{self.events.name(host)}主持，围绕专题开展议政，"
                   f"常委们作了发言，{spec['undertaker']}负责同志作了回应。")
        self._conclude(meeting_id, starts_at, spec, present, minutes=minutes)

    # -- shared steps -------------------------------------------------------------------------------
    def _meeting(self, format_id, title, starts_at, ends_at, venue, host) -> int:
        return create_meeting(self.session, format_id=format_id, title=title, starts_at=starts_at, ends_at=ends_at,
                              venue=venue, host=self.events.name(host), undertaker=OFFICE,
                              contact_name=self.events.name(self.people.staff[2]), contact_phone="0571-86012345")

    def _attend(self, meeting_id: int, starts_at: datetime, people, misses) -> list[int]:
        """Replies and sign-ins for everyone at once; returns the district members present."""
        present = self.events.attendance(meeting_id, starts_at, [(pid, role, {}) for pid, role in people], misses)
        district = set(self.people.district)
        return [pid for pid in present if pid in district]

    def _conclude(self, meeting_id: int, starts_at: datetime, spec: dict, present: list[int], *, minutes: str) -> None:
        """Held and archived; the session's recommendations sent up without a bulletin, then handled."""
        for status in (MeetingStatus.NOTIFIED, MeetingStatus.HELD):
            change_meeting_status(self.session, meeting_id, status)
        save_minutes(self.session, meeting_id, minutes)
        change_meeting_status(self.session, meeting_id, MeetingStatus.ARCHIVED)
        aspects = [{"name": None, "recommendations": spec["recommendations"]}]
        rec_ids = self.events.recommendations({"aspects": aspects}, meeting_id, starts_at, present)
        sent_on = (starts_at + timedelta(days=15)).date()
        for rec_id in rec_ids:
            change_recommendation_status(self.session, rec_id, RecommendationStatus.COMPILED,
                                         on=(starts_at + timedelta(days=7)).date(), note="整理汇编")
            change_recommendation_status(self.session, rec_id, RecommendationStatus.SUBMITTED, on=sent_on,
                                         note="会后报送区委、区政府")
        self.events.follow_up(rec_ids, None, 0, sent_on, concluded_share=1.0)
