"""The limits benchmark refuses wrong arguments at once, before minutes of measuring."""

import argparse

from tests.bench.limits import run


def limits_args(**given) -> argparse.Namespace:
    return argparse.Namespace(**{"only": None, "rounds": 7, "json": None, "people": 30000, **given})


def test_an_unknown_entry_is_named_with_the_known_ones(capsys):
    assert run(limits_args(only=["check_in_30k", "no_such_entry"])) == 2
    err = capsys.readouterr().err
    assert "没有这些测量项：no_such_entry" in err and "check_in_30k" in err


def test_no_rounds_or_an_unwritable_json_file_are_refused(capsys, tmp_path):
    assert run(limits_args(rounds=0)) == 2
    assert "--rounds 至少为 1" in capsys.readouterr().err
    assert run(limits_args(json=str(tmp_path / "missing" / "limits.json"))) == 2
    assert "所在文件夹不存在" in capsys.readouterr().err


def test_the_seat_plan_entry_exists_and_seats_what_its_limit_sorts():
    from tests.bench.limits import GROUPS
    from tests.bench.seat_entries import seat_entries

    assert "seat_plan_400" in [name for group in GROUPS for name in group]
    entry = seat_entries()["seat_plan_400"]
    assert entry.project() > 0 and entry.limit() > 0
    assert entry.problems == []  # seat n holds the n-th person of the limit's sorted list
    assert "400 人，408 座" in entry.size
