"""Pure rules behind the sheets: seat order, who sits at the main table, titles, the notice's wording."""

from datetime import date, datetime

import pytest

from models.printing import SheetKind, SheetOptions, default_notice_text, seat_positions, sheet_title
from models.printing.fonts import CANDIDATES, Face, families, family
from models.printing.notice_text import addressee, item_number, participants_summary, reply_deadline
from models.printing.seats import main_table, seat_number
from models.printing.sheet_input import pdf_file_name

from .printing_fixtures import agenda, invitees, meeting, person


def test_odd_seats_centre_out_left_is_senior():
    assert seat_positions(1) == [1]
    assert seat_positions(3) == [3, 1, 2]
    assert seat_positions(5) == [5, 3, 1, 2, 4]
    assert seat_positions(5, even_one_left=False) == [5, 3, 1, 2, 4]  # the option is for even counts only
    assert seat_positions(9) == [9, 7, 5, 3, 1, 2, 4, 6, 8]


def test_even_seats_one_left_of_the_centre_pair():
    # Seat 1 is the audience's left of the centre pair; 2 to its right, as in …5 3 1 2 4…
    assert seat_positions(2) == [1, 2]
    assert seat_positions(4) == [3, 1, 2, 4]
    assert seat_positions(6) == [5, 3, 1, 2, 4, 6]
    assert seat_positions(6, even_one_left=True) == [5, 3, 1, 2, 4, 6]


def test_even_seats_one_right_of_the_centre_pair():
    assert seat_positions(2, even_one_left=False) == [2, 1]
    assert seat_positions(4, even_one_left=False) == [4, 2, 1, 3]
    assert seat_positions(6, even_one_left=False) == [6, 4, 2, 1, 3, 5]


@pytest.mark.parametrize("count", range(0, 14))
def test_seat_positions_are_a_permutation_with_one_in_the_middle(count):
    for one_left in (True, False):
        order = seat_positions(count, one_left)
        assert sorted(order) == list(range(1, count + 1))
        if count:
            middle = order.index(1)
            assert middle in (count // 2, (count - 1) // 2)


def test_seat_numbers_as_typed():
    assert seat_number("3") == 3 and seat_number(" 12 ") == 12 and seat_number("３") == 3
    assert seat_number("") is None and seat_number("A1") is None and seat_number("0") is None


def test_host_takes_seat_one_then_attendees_in_order():
    people = [person(1, "甲", "出席"), person(2, "乙", "列席"), person(3, "丙", "主持"), person(4, "丁", "出席"),
              person(5, "戊", "工作人员"), person(6, "己", "特邀")]
    seating = main_table(people)
    assert [p.name for p in seating.seats] == ["丙", "甲", "丁"]
    assert [(role, [p.name for p in group]) for role, group in seating.below] == [("特邀", ["己"]), ("列席", ["乙"])]
    limited = main_table(people, main_seats=2)
    assert [p.name for p in limited.seats] == ["丙", "甲"]
    assert limited.below[0] == ("出席", [people[3]])
    assert [p and p.name for p in main_table(people, main_seats=5).seats] == ["丙", "甲", "丁", None, None]


def test_seat_numbers_decide_when_given():
    people = [person(1, "甲", "出席", seat_no="2"), person(2, "乙", "主持", seat_no="1"),
              person(3, "丙", "出席"), person(4, "丁", "列席", seat_no="4"), person(5, "戊", "出席", seat_no="2")]
    seating = main_table(people)
    assert [p and p.name for p in seating.seats] == ["乙", "甲", None, "丁"]
    assert [(role, [p.name for p in group]) for role, group in seating.below] == [("出席", ["丙", "戊"])]


def test_titles_and_file_names():
    m = meeting()
    assert sheet_title(SheetKind.SIGN_IN, m) == "“完善社区卫生服务体系”专题双月协商会签到表"
    assert sheet_title(SheetKind.NOTICE, m) == "关于召开“完善社区卫生服务体系”专题双月协商会的通知"
    assert sheet_title(SheetKind.SEATING, m).endswith("座次表")
    assert pdf_file_name(SheetKind.ROSTER, meeting(title="会议/2023:第1次?")) == "会议_2023_第1次_参会名单.pdf"


def test_default_notice_text_mentions_date_venue_people_agenda_and_reply():
    people = invitees(40)
    text = default_notice_text(meeting(), people, agenda(), SheetOptions())
    lines = text.split("\n")
    assert lines[0] == ("经研究，定于2023年5月18日（星期四）14:00召开“完善社区卫生服务体系”专题双月协商会。"
                        "现将有关事项通知如下：")
    assert [line for line in lines if line[1:2] == "、"] == ["一、会议时间", "二、会议地点", "三、参加人员",
                                                            "四、会议议程", "五、有关要求"]
    assert "区政协机关三楼会议室。" in lines
    assert "（二）区卫生健康委员会通报全区社区卫生服务体系建设情况（区卫生健康委员会负责同志）；" in lines
    assert "请于5月15日前将回执报送区政协办公室" in text
    assert "联系人：陈晓燕，联系电话：0571-86012345。" in lines
    assert "五、有关要求" in text and "四、会议议程" in text


def test_notice_without_agenda_or_date_numbers_its_items():
    text = default_notice_text(meeting(starts_at=None, venue=""), [], [], SheetOptions(issuer="区政协提案委员会"))
    assert "四、有关要求" in text and "会议议程" not in text
    assert "请于会前将回执报送区政协提案委员会" in text


def test_participants_summary_and_addressee():
    people = invitees(40)
    assert participants_summary(people) == ("区政协副主席，区政协常委、委员28人，有关部门负责同志7人，"
                                            "专家学者2人（共38人）")
    assert addressee(people) == "各位委员，各有关单位："
    members = [p for p in people if p.member_role]
    assert addressee(members) == "各位委员："
    national = [person(1, "甲", member_role="委员", levels="全国"), person(2, "乙", member_role="委员", levels="市")]
    assert participants_summary(national) == "在区全国政协委员、市政协委员2人"


def test_reply_deadline_and_numbers():
    assert reply_deadline(meeting(), SheetOptions()) == date(2023, 5, 15)
    assert reply_deadline(meeting(), SheetOptions(reply_by=date(2023, 5, 10))) == date(2023, 5, 10)
    assert reply_deadline(meeting(starts_at=None), SheetOptions()) is None
    assert reply_deadline(meeting(starts_at=datetime(2023, 3, 2, 9)), SheetOptions()) == date(2023, 2, 27)
    assert [item_number(n) for n in (1, 5, 10, 11, 12, 20, 21)] == ["一", "五", "十", "十一", "十二", "二十", "二十一"]


def test_chinese_fonts_are_found(qapp):
    for face in Face:
        assert families(face), f"no font for {face}"
        assert family(face) in CANDIDATES[face]
    assert family(Face.TITLE) in CANDIDATES[Face.HEI] + ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK",
                                                         "FZXiaoBiaoSong-B05")  # 小标宋, else a 黑体
