"""What users type about a person: names, birth dates, phones, e-mail."""

from datetime import date, datetime

import pytest

from models.errors import ValidationError
from models.services.person_rules import check_email, check_mobile, check_name, format_birth, parse_birth


@pytest.mark.parametrize("raw, name", [("张  伟", "张伟"), ("\u3000李娜 ", "李娜"), ("王 小 明", "王小明"),
                                       ("阿依古丽•买买提", "阿依古丽·买买提"), ("John  Smith", "John Smith")])
def test_names_are_normalised(raw, name):
    assert check_name(raw) == name


def test_name_required_and_limited():
    with pytest.raises(ValidationError, match="请填写姓名") as caught:
        check_name("  ")
    assert caught.value.field == "name"
    with pytest.raises(ValidationError, match="最多 100 个字"):
        check_name("名" * 300)


@pytest.mark.parametrize("raw, expected", [
    ("1968-05", (1968, 5)), ("1968.5", (1968, 5)), ("1968.05", (1968, 5)), ("1968年5月", (1968, 5)),
    ("196805", (1968, 5)), ("1968/5/12", (1968, 5)), ("1968年5月12日", (1968, 5)), ("19680512", (1968, 5)),
    ("1968", (1968, None)), ("1968年", (1968, None)), (196805, (1968, 5)), (date(1968, 5, 12), (1968, 5)),
    (datetime(1968, 5, 1), (1968, 5)), ("", (None, None)), (None, (None, None)),
])
def test_birth_formats(raw, expected):
    assert parse_birth(raw) == expected


@pytest.mark.parametrize("raw, words", [("五月", "无法识别"), ("1968.13", "月份 13 不存在"),
                                        ("1868-05", "不在合理范围"), ("68.5", "无法识别")])
def test_bad_birth_is_explained(raw, words):
    with pytest.raises(ValidationError) as caught:
        parse_birth(raw)
    assert words in caught.value.message and "1968年5月" in caught.value.message
    assert caught.value.field == "birth"


def test_format_birth():
    assert format_birth(1968, 5) == "1968.05" and format_birth(1968, None) == "1968" and format_birth(None, 3) == ""


@pytest.mark.parametrize("raw, expected", [("139 1234 5678", "13912345678"), ("139-1234-5678", "13912345678"),
                                           ("+8613912345678", "13912345678"), (13912345678.0, "13912345678"),
                                           ("", None), (None, None)])
def test_mobile(raw, expected):
    assert check_mobile(raw) == expected


@pytest.mark.parametrize("raw", ["1391234567", "23912345678", "0571-86012345", "139123456789"])
def test_bad_mobile(raw):
    with pytest.raises(ValidationError, match="11 位数字"):
        check_mobile(raw)


def test_email():
    assert check_email(" wang@example.com ") == "wang@example.com"
    assert check_email("") is None
    with pytest.raises(ValidationError, match="格式不正确"):
        check_email("wang@example")
