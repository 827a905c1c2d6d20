"""Where a 单位及职务 breaks when it needs two lines: between the unit and the post ("滨江实业集团有限公司/
董事长", never "…董事/长"), else after a separator (、，space) or between words a unit or post is made of;
a step smaller (10.5 → 9 pt) before breaking inside a word, and only then evenly anywhere (line_breaks).

The words are the unit endings and posts such lists are made of (a dictionary, not a segmenter): a break
never falls inside one, and text between two of them is a word too (a place or unit name)."""

from itertools import pairwise

from PySide6.QtGui import QFontMetricsF

from .fonts import Face, font
from .line_breaks import balanced, break_ok, quoted_spans
from .units import MM

# Posts (职务, 职称), with their 副/常务/执行 forms where they exist.
_POSTS = ("董事长", "董事", "监事长", "监事", "总经理", "经理", "总裁", "总监", "财务总监", "合伙人", "创始人",
          "主任", "主任医师", "主治医师", "医师", "护士长", "院长", "校长", "园长", "所长", "局长", "处长", "科长",
          "部长", "厅长", "馆长", "站长", "社长", "台长", "行长", "厂长", "队长", "团长", "会长", "理事长", "秘书长",
          "主席", "书记", "党组书记", "党委书记", "党总支书记", "支部书记", "区长", "市长", "县长", "镇长", "乡长",
          "街道主任", "主编", "总编辑", "编辑", "记者", "教授", "研究员", "教师", "讲师", "律师", "会计师", "工程师",
          "高级工程师", "总工程师", "总会计师", "总经济师", "经济师", "一级美术师", "美术师", "演员", "教练员",
          "科员", "干部", "委员", "常委", "成员", "负责人", "检察长", "庭长", "审判员", "调研员", "巡视员")
POSTS = frozenset(_POSTS) | {f"{prefix}{post}" for prefix in ("副", "常务副", "执行") for post in _POSTS}
# Words that end a unit's name (after them a new word starts: the post, or a department of the unit).
UNIT_ENDS = frozenset((
    "有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "集团股份有限公司", "公司", "分公司", "集团",
    "委员会", "委员会办公室", "办公室", "会议",
    "大学", "学院", "科学院", "社会科学院", "医学院", "党校", "学校", "中学", "小学", "幼儿园", "医院", "卫生院",
    "保健院", "研究院", "设计院", "书画院", "研究所", "事务所", "律师事务所", "会计师事务所", "中心", "服务中心",
    "研究中心", "银行", "支行", "分行", "协会", "商会", "学会", "医学会", "联合会", "工会", "总工会", "妇联", "残联",
    "侨联", "工商联", "科协", "文联", "社科联", "街道", "办事处", "政府", "法院", "检察院", "社区", "统战部",
    "宣传部", "组织部", "管理局", "分局", "图书馆", "文化馆", "博物馆", "美术馆", "纪念馆", "报社", "出版社",
    "杂志社", "电视台", "记者站", "剧团", "越剧团", "软件园", "产业园", "开发区", "园区", "联络组", "联络室", "研究室",
))
_WORDS = {word: "post" for word in POSTS} | {word: "unit" for word in UNIT_ENDS}
_LONGEST = max(map(len, _WORDS))
_SINGLE_UNIT_ENDS = set("局厅处科室办委部院所馆站队团校行厂店会区市县镇乡村组")  # only before a post
_SEPARATORS = set("、，,；; /")
_JOINS = set("兼及和")  # 董事长兼总经理
SMALLER = 9.0  # 小五号: one step below 五号 (10.5 pt)
FIT_EASE = 0.2 * MM  # a line measured this close to the width may still wrap in the layout


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "post"/"unit") of the dictionary words in `text`, in order, matched longest first from
    the right (as Chinese is usually segmented: "协商会议" is 协商 + 会议, not 协 + 商会 + 议)."""
    found, end = [], len(text)
    while end > 0:
        for size in range(min(_LONGEST, end), 1, -1):
            kind = _WORDS.get(text[end - size:end])
            if kind:
                found.append((end - size, end, kind))
                end -= size
                break
        else:
            end -= 1
    return found[::-1]


def _post_starts(text: str, spans: list[tuple[int, int, str]]) -> set[int]:
    """Where the posts that end each part of `text` (parts: between separators) begin — "…有限公司|董事长兼
    总经理", "…内科|主任医师、区医学会|副会长": the break between unit and post. A post word inside a unit's
    name ("区律师协会") ends no part, so it is not one."""
    found, part_end = set(), len(text)
    for at in range(len(text), -1, -1):
        if at == 0 or text[at - 1] in _SEPARATORS:
            reach, run = part_end, None  # this part is text[at:part_end], less a separator it ends on
            while reach > at and text[reach - 1] in _SEPARATORS:
                reach -= 1
            for start, end, kind in reversed([w for w in spans if at <= w[0] and w[1] <= part_end]):
                if kind != "post" or any(ch not in _JOINS for ch in text[end:reach]):
                    break
                run, reach = start, start
            if run is not None and run > at:
                found.add(run)
            part_end = at
    return found


def ranked_cuts(text: str) -> dict[int, int]:
    """Where `text` may break between words, and how well (0 after a separator, 1 between unit and post,
    2 between other words); other places are inside a word."""
    spans = words(text)
    inside = {at for start, end, _kind in spans for at in range(start + 1, end)}
    for first, last in quoted_spans(text):
        inside.update(range(first + 1, last + 1))
    ends = {end: kind for _start, end, kind in spans}
    starts = {start: kind for start, _end, kind in spans}
    post_starts = _post_starts(text, spans)
    cuts = {}
    for at in range(1, len(text)):
        if at in inside or not break_ok(text, at):
            continue
        if text[at - 1] in _SEPARATORS:
            cuts[at] = 0
        elif at in post_starts and (ends.get(at) == "unit" or text[at - 1] in _SINGLE_UNIT_ENDS):
            cuts[at] = 1
        elif ends.get(at) in ("unit", "post") or starts.get(at) == "post":
            cuts[at] = 2
    return cuts


def _best(text: str, edge: list[float], cuts: dict[int, int], lines: int, width: float) -> list[int] | None:
    """The cuts setting `text` on `lines` lines that each fit `width`: the best-ranked break, then the most
    even lines."""
    chosen, best_key = None, None
    options = sorted(cuts)
    combos = [[c] for c in options] if lines == 2 else \
        [[a, b] for i, a in enumerate(options) for b in options[i + 1:]]
    for combo in combos:
        bounds = [0, *combo, len(text)]
        widths = [edge[b] - edge[a] for a, b in pairwise(bounds)]
        if max(widths) > width:
            continue
        key = (max(cuts[c] for c in combo), round(max(widths) / MM))
        if best_key is None or key < best_key:
            chosen, best_key = combo, key
    return chosen


def _set(text: str, combo: list[int]) -> str:
    """The lines joined by "\\n"; a space a line ends on is dropped."""
    bounds = [0, *combo, len(text)]
    return "\n".join(text[a:b].rstrip(" ") for a, b in pairwise(bounds))


def between_words(text: str, face: Face, points: float, width_mm: float,
                  smaller: float = SMALLER) -> tuple[str, float]:
    """`text` and the size to set it in a cell `width_mm` wide: one line if it fits; else two lines broken
    between words; else the same a step smaller (one line, or two); else three lines between words at the
    smaller size; else broken evenly anywhere (balanced) at the smaller size. Measured with the font's
    advances, no layouts (the table lays out what it sets, and checks it)."""
    if not text or "\n" in text:
        return text, points
    width = width_mm * MM - FIT_EASE
    cuts = ranked_cuts(text)
    for size, counts in ((points, (1, 2)), (smaller, (1, 2, 3))):
        metrics = QFontMetricsF(font(face, size))
        edge = [0.0]
        for ch in text:
            edge.append(edge[-1] + metrics.horizontalAdvance(ch))
        for lines in counts:
            if lines == 1:
                if edge[-1] <= width:
                    return text, size
                continue
            combo = _best(text, edge, cuts, lines, width)
            if combo is not None:
                return _set(text, combo), size
    return balanced(text, face, smaller, width_mm), smaller


__all__ = ["POSTS", "UNIT_ENDS", "between_words", "ranked_cuts", "words"]
