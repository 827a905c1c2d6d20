"""按姓氏笔画排序 and pinyin order of people's names (models/sorting.py)."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from models import sorting
from models.sorting import (
    SortKeys,
    missing_characters,
    pinyin_initials,
    pinyin_key,
    sort_keys,
    sort_names,
    stroke_key,
    stroke_table,
)

RARE = "𠀾"  # U+2003E, CJK Extension B: not in bh.txt (which covers U+4E00-U+9FA5)


def before(first: str, second: str) -> bool:
    return stroke_key(first) < stroke_key(second)


def test_stroke_table_is_the_package_data():
    table = stroke_table()
    assert len(table) == 20902
    assert table["王"] == "1121" and table["田"] == "25121" and table["欧"] == "13453534"
    assert RARE not in table
    assert stroke_table() is table  # loaded once


@pytest.mark.parametrize(("first", "second"), [
    ("王明", "文明"),  # both 4 strokes: 王 1121 < 文 4134 (横 before 点)
    ("林明", "欧明"),  # both 8 strokes: 林 12341234 < 欧 13453534
    ("于明", "万明"),  # both 3 strokes: 于 112 < 万 153
])
def test_equal_stroke_counts_compare_stroke_order(first, second):
    assert before(first, second)
    assert sort_names([second, first]) == [first, second]


def test_stroke_count_decides_first():
    # 于 3 strokes (112) < 王 4 strokes (1121) < 田 5 strokes (25121), although 田's sequence starts with 2.
    assert sort_names(["田明", "王明", "于明"]) == ["于明", "王明", "田明"]


def test_two_character_names_have_a_blank_middle():
    assert before("田富", "田大利")  # 田 = 田, then blank < 大 (although 富 has 12 strokes and 大 only 3)
    assert sort_names(["田大利", "田富"]) == ["田富", "田大利"]
    # In general all two-character names come before the three-character names of that surname,
    # even one whose second character (一, 1 stroke) is simpler than any two-character name's (龘, 48).
    assert sort_names(["张一鸣", "张龘", "张龘龘", "张乙", "张伟"]) == ["张乙", "张伟", "张龘", "张一鸣", "张龘龘"]
    assert len(stroke_key("张伟")) == len(stroke_key("张一鸣"))  # the blank is a unit of its own
    assert stroke_key("张伟")[len(stroke_key("张")):].startswith("0" * len(stroke_key("张")))


def test_identical_names_get_identical_keys_and_are_all_kept():
    assert sort_keys("张伟") == sort_keys("张" + "伟")
    assert sort_names(["张伟", "李娜", "张伟"]) == ["李娜", "张伟", "张伟"]


def test_compound_surname_is_not_summed():
    # 欧阳明 is 欧 (8), 阳 (6), 明 (8): a summed 欧阳 (14) would come after 胡 (9) and 徐 (10).
    assert sort_names(["徐明亮", "欧阳明", "胡小明"]) == ["欧阳明", "胡小明", "徐明亮"]
    # Within 欧: 欧文 (文 4) and 欧明 (明 8) have a blank middle; then 小 3 < 阳 6 < 海 10.
    assert sort_names(["欧海明", "欧阳明", "欧明", "欧小明", "欧文"]) == ["欧文", "欧明", "欧小明", "欧阳明", "欧海明"]
    assert pinyin_key("欧阳明") == "ou yang ming"
    assert pinyin_initials("欧阳明") == "oym"


def test_names_with_separator_dots():
    unit = len(stroke_key("王"))
    for name, count in (("阿依古丽·买买提", 7), ("巴特尔·孟和", 5)):
        keys = sort_keys(name)
        assert len(keys.stroke) == count * unit  # the dot is ignored, and no blank unit is inserted
        assert "0" * unit not in [keys.stroke[i:i + unit] for i in range(0, len(keys.stroke), unit)]
        assert keys.missing == ()
    assert stroke_key("阿依古丽·买买提") == stroke_key("阿依古丽•买买提") == stroke_key("阿依古丽・买买提")
    assert pinyin_key("巴特尔·孟和") == "ba te er meng he"
    assert pinyin_initials("阿依古丽·买买提").split()[0] == "ayglmmt"
    # 马 3 strokes < 巴 4 < 阿 7; 巴图 and 阿强 are two-character names, so they precede the longer ones.
    assert sort_names(["阿依古丽·买买提", "巴特尔·孟和", "阿强", "巴图", "马丽"]) == [
        "马丽", "巴图", "巴特尔·孟和", "阿强", "阿依古丽·买买提"]


@pytest.mark.parametrize("variant", ["张　伟", " 张伟 ", "张 伟", "张\u00a0伟", "\t张伟\n"])
def test_spaces_are_ignored(variant):
    assert sort_keys(variant) == sort_keys("张伟")


def test_rare_and_latin_characters_sort_after_known_ones():
    keys = sort_keys(f"张{RARE}")
    assert keys.missing == (RARE,)
    assert missing_characters(f"{RARE}明{RARE}") == (RARE,)
    assert before("张龘", f"张{RARE}")  # 龘 has 48 strokes, still before an unknown character
    assert before("龘龘龘", f"{RARE}明")
    assert before("龘龘", "John Smith")
    latin = sort_keys("John Smith")
    assert latin.stroke.isdigit() and latin.missing == ()
    assert latin.pinyin == "john smith" and latin.initials == "js"
    assert sort_keys("ＪＯＨＮ　ＳＭＩＴＨ").pinyin == "john smith"  # full-width letters


@pytest.mark.parametrize("name", ["", "   ", "·", "-", "\u3000"])
def test_empty_names(name):
    assert sort_keys(name) == SortKeys("", "", "", ())


@pytest.mark.parametrize(("name", "surname"), [
    ("曾伟", "zeng"), ("单明", "shan"), ("解放", "xie"), ("仇军", "qiu"), ("朴正", "piao"), ("区华", "ou"),
    ("查理", "zha"), ("盖伟", "ge"), ("华明", "hua"), ("任静", "ren"), ("单于明", "chan yu"), ("单于", "chan yu"),
])
def test_surname_readings(name, surname):
    assert pinyin_key(name).startswith(surname + " ") or pinyin_key(name) == surname


def test_pinyin_key_and_initials():
    assert pinyin_key("张伟") == "zhang wei"
    assert pinyin_key("曾伟") == "zeng wei"
    assert pinyin_key("单于明") == "chan yu ming"
    assert pinyin_initials("张伟") == "zw"
    assert pinyin_initials("吕女士").split()[0] == "lns"  # ü comes out as v, initials are its first letter
    assert pinyin_key("吕伟") == "lv wei"


def test_polyphonic_given_names_give_initials_variants():
    variants = pinyin_initials("张长").split()
    assert set(variants) == {"zz", "zc"}
    # The primary reading comes first and matches the pinyin key (pypinyin reads 长 alone as zhang).
    assert variants[0] == "".join(s[0] for s in pinyin_key("张长").split())
    # The surname uses its override only: 乐 as a surname is yue; as a given name le or yue.
    assert pinyin_initials("乐乐").split() == ["yl", "yy"]
    assert len(pinyin_initials("张长长长长长长长长长").split()) == 8


def test_pinyin_order():
    assert sort_names(["陈静", "白雪", "安然"], by="pinyin") == ["安然", "白雪", "陈静"]
    # 张 and 章 are both zhang: 张 (7 strokes) before 章 (11), whatever the input order.
    assert sort_names(["章伟", "张伟"], by="pinyin") == ["张伟", "章伟"]
    assert sort_names(["张伟", "章伟"], by="pinyin") == ["张伟", "章伟"]
    with pytest.raises(ValueError):
        sort_names(["张伟"], by="size")


def test_realistic_list_in_stroke_order():
    scrambled = ["陈静", "王建国", "于海涛", "欧阳明", "林晓燕", "田大利", "文丽", "万小明",
                 "刘洋", "白雪", "田富", "马晓燕", "丁力", "王丽", "李娜"]
    # Checked by hand against bh.txt:
    # 丁 2 strokes first. 于 112, 万 153, 马 551 all have 3 strokes: ordered by sequence.
    # 王 1121 and 文 4134 both 4: 王 first; 王丽 (blank middle) before 王建国.
    # 田 25121 and 白 32511 both 5: 田 first; 田富 (blank) before 田大利. 刘 6 strokes.
    # 李 1234521 before 陈 5215234 (both 7). 林 12341234 before 欧 13453534 (both 8).
    assert sort_names(scrambled) == ["丁力", "于海涛", "万小明", "马晓燕", "王丽", "王建国", "文丽", "田富",
                                     "田大利", "白雪", "刘洋", "李娜", "陈静", "林晓燕", "欧阳明"]


def test_keys_are_plain_ascii_and_cached():
    for name in ("张伟", "欧阳明", "阿依古丽·买买提", f"张{RARE}", "Zoë Müller", "吕女士", "ＡＢ12"):
        keys = sort_keys(name)
        assert re.fullmatch(r"[0-9]*", keys.stroke)
        assert re.fullmatch(r"[a-z0-9 ]*", keys.pinyin)
        assert re.fullmatch(r"[a-z0-9 ]*", keys.initials)
        assert sort_keys(name) is keys
    assert pinyin_key("Zoë Müller") == "zoe muller"
    assert len(stroke_key("王")) % 2 == 0 and len(stroke_key("王")) == 2 + max(map(len, stroke_table().values()))


def test_concurrent_first_load(monkeypatch):
    names = ["张伟", "欧阳明", "阿依古丽·买买提", "田富", "田大利", f"张{RARE}", "曾乐长"] * 20
    expected = [sort_keys(name) for name in names]
    loads = []
    read = sorting._read_stroke_file

    def slow_read():
        loads.append(threading.get_ident())
        time.sleep(0.05)  # widen the window in which other threads find the table missing
        return read()

    monkeypatch.setattr(sorting, "_read_stroke_file", slow_read)
    monkeypatch.setattr(sorting, "_data", None)
    sort_keys.cache_clear()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(sort_keys, names))
    finally:
        sort_keys.cache_clear()
    assert len(loads) == 1
    assert results == expected
