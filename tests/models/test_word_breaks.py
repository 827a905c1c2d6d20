"""单位及职务 on the 签到表 breaks between words: between unit and post ("滨江实业集团有限公司/董事长", not
"…董事/长"), after a separator, a step smaller before inside a word; 界别 too long for its cell in even lines."""

from dataclasses import replace

import pytest

from models.printing import sign_in
from models.printing.table import Table
from models.printing.word_breaks import between_words, ranked_cuts, words

from .printing_fixtures import sheet_input

# what the sheet sets in its 单位及职务 cell (51 mm wide on A4), each line whole words
EXPECTED = {
    "滨江实业集团有限公司董事长": "滨江实业集团有限公司\n董事长",
    "文昌科技股份有限公司总经理": "文昌科技股份有限公司\n总经理",
    "城南街道社区卫生服务中心主任": "城南街道社区卫生服务中心\n主任",
    "区人力资源和社会保障局党组书记、局长": "区人力资源和社会保障局\n党组书记、局长",
    "市社会科学院公共政策研究所副所长": "市社会科学院\n公共政策研究所副所长",
    "滨江实业集团有限公司董事长兼总经理": "滨江实业集团有限公司\n董事长兼总经理",
    "市第二人民医院心血管内科主任医师、区医学会副会长": "市第二人民医院心血管内科\n主任医师、区医学会副会长",
    "中国人民政治协商会议江滨区委员会办公室主任": "中国人民政治协商会议\n江滨区委员会办公室主任",
    "区委统战部副部长 区工商联党组书记": "区委统战部副部长\n区工商联党组书记",  # the space goes
    "区卫生健康委员会副主任": "区卫生健康委员会副主任",  # fits: unchanged
}


def cells(texts: list[str], column: str = "单位及职务") -> dict[str, str]:
    people = sheet_input(len(texts)).invitees
    people = [replace(p, employer_title=t, sector="经济", role="出席") for p, t in zip(people, texts, strict=True)]
    document = sign_in.layout(sheet_input(people=people))
    table = document.tables[0]
    index = [c.title for c in table.columns].index(column)
    return {row.row.cells[index]: row.texts[index] for row in table.rows if not row.row.heading}


def test_the_sign_in_sheet_breaks_unit_and_post_between_words(qapp):
    assert cells(list(EXPECTED)) == EXPECTED


def test_the_words_a_title_is_made_of():
    title = "滨江实业集团有限公司董事长"
    assert [(kind, title[a:b]) for a, b, kind in words(title)][-2:] == [("unit", "集团有限公司"), ("post", "董事长")]
    assert "中国人民政治协商会议"[8:10] in ["中国人民政治协商会议"[a:b] for a, b, _k in words("中国人民政治协商会议")]
    cuts = ranked_cuts("区律师协会副会长")  # 律师 is a post word, but inside this unit's name
    assert cuts.get(5) == 1 and cuts.get(1) != 1
    assert ranked_cuts("主任医师、教授")[5] == 0
    assert 3 not in ranked_cuts("滨江实业集团有限公司董事长")  # never inside 实业 … nor inside a post
    assert 12 not in ranked_cuts("滨江实业集团有限公司董事长")


def _width() -> float:
    table = Table(sign_in.COLUMNS, sign_in.STYLE)
    column = next(c for c in table.columns if c.title == "单位及职务")
    return column.width - 2 * sign_in.STYLE.pad_x


@pytest.mark.parametrize(("text", "expected", "points"), [
    # no break between words leaves both lines short enough at 五号: 小五号 first
    ("浙江大学医学院附属第一医院主任医师、教授", "浙江大学医学院附属第一医院\n主任医师、教授", 9.0),
    # a long run no word breaks: evenly, at 小五号
    ("江滨区城市发展研究中心城市规划与交通研究所所长、研究员、区规划委员会专家委员会委员", None, 9.0),
])
def test_smaller_before_inside_a_word(qapp, text, expected, points):
    set_as, size = between_words(text, sign_in.COLUMNS[2].face, 10.5, _width())
    assert size == points
    if expected is not None:
        assert set_as == expected
    assert set_as.replace("\n", "") == text  # nothing lost, nothing added


def test_a_sector_too_long_for_its_cell_breaks_evenly(qapp):
    people = sheet_input(2).invitees
    people = [replace(p, sector=s, role="出席") for p, s in zip(people, ("共青团和青联", "经济"), strict=True)]
    table = sign_in.layout(sheet_input(people=people)).tables[0]
    sectors = [row.texts[3] for row in table.rows if not row.row.heading]
    assert sectors == ["共青团\n和青联", "经济"]  # not "共青团和青/联"
