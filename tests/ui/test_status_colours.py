"""One colour, one meaning: the table every list, legend and message takes its colours from."""

from models.services.performance_scheme import Scheme
from models.vocab import AttendanceResult, InviteStatus
from ui import status_colours as c


def test_the_same_meaning_has_the_same_colour():
    assert c.ATTENDANCE_RESULT[AttendanceResult.PRESENT] == c.INVITE_STATUS[InviteStatus.CONFIRMED] == c.GOOD
    assert c.ATTENDANCE_RESULT[AttendanceResult.LEAVE] == c.INVITE_STATUS[InviteStatus.LEAVE] == c.WAIT
    assert c.ATTENDANCE_RESULT[AttendanceResult.ABSENT] == c.BAD
    assert len({c.GOOD, c.WAIT, c.BAD, c.INFO, c.MUTED}) == 5


def test_score_bands_by_their_place():
    scheme = Scheme()
    bands = [band.name for band in scheme.bands] + [scheme.lowest_band]  # 优秀 良好 称职 不称职
    assert [c.band_colour(b, bands) for b in bands] == [c.GOOD, None, None, c.BAD]
    legend = [text for _colour, text in c.band_legend(bands)]
    assert legend == ["等次“优秀”", "等次“不称职”", "“需谈话”：列入谈话提醒名单"]
