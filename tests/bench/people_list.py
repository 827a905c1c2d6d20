"""The 委员 screen at national scale: load 30,000 people, then filter per keystroke and re-sort.

Prints milliseconds per step. "Without a visible stall" means each keystroke well under 100 ms.
"""

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(path: Path, count: int) -> None:
    from models.demo.names import NameMaker
    from models.migrate import open_database
    from models.paths import sqlite_url
    from models.services import lookups
    from models.services.people import MembershipData, PersonData, save_person

    rng = random.Random(7)
    names = NameMaker(rng)
    db = open_database(sqlite_url(path)).database
    with db.session() as session:
        sectors = [v.id for v in lookups.list_values(session, "sector")]
        parties = [v.id for v in lookups.list_values(session, "party")]
        committees = [v.id for v in lookups.list_values(session, "committee")]
        for index in range(count):
            gender = rng.choice("男女")
            level = rng.choices(["区", "市", "全国"], [85, 12, 3])[0]
            save_person(session, PersonData(
                name=names.make(gender) if index < 20000 else names.make(gender) + rng.choice("甲乙丙丁"),
                gender=gender, party_id=rng.choice(parties), birth_year=rng.randint(1955, 1995),
                birth_month=rng.randint(1, 12), mobile=f"139{rng.randrange(10**8):08d}",
                employer_title=rng.choice(["区人民医院", "区实验小学", "滨江实业集团", "区财政局"]) + "副主任",
                memberships=[MembershipData(level=level, term="第十六届", sector_id=rng.choice(sectors),
                                            committee_id=rng.choice(committees))]), flush=index % 500 == 0)
    db.dispose()


def timed(label: str, fn, repeat: int = 1):
    runs = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - start) * 1000)
    print(f"{label:<42} {statistics.median(runs):8.1f} ms" + (f"  (median of {repeat})" if repeat > 1 else ""))
    return result


def run(args) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from models.migrate import open_database
    from models.paths import sqlite_url
    from models.services.people_list import PeopleFilter, load_people
    from ui.table_models.person_model import PINYIN, STROKE, PersonTableModel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        print(f"生成 {args.people} 人的测试数据库 …")
        timed(f"build {args.people} people", lambda: build(path, args.people))
        db = open_database(sqlite_url(path)).database

        def load():
            with db.session() as session:
                return load_people(session)

        rows = timed("load_people (query + rows)", load, repeat=3)
        model = PersonTableModel()
        timed("model.set_rows (stroke order)", lambda: model.set_rows(rows), repeat=3)
        typing = ["z", "zw", "张", "张伟", "区人民", "区人民医院", "139", "1391"]
        for text in typing:
            timed(f"keystroke: search {text!r}", lambda t=text: model.set_filter(PeopleFilter(text=t)), repeat=5)
        timed("filter: 界别 + 级别", lambda: model.set_filter(PeopleFilter(level="区", sector_id=3)), repeat=5)
        timed("clear filter", lambda: model.set_filter(PeopleFilter()), repeat=5)
        model.name_order = PINYIN
        timed("re-sort by pinyin", lambda: model.sort(0, Qt.SortOrder.AscendingOrder), repeat=3)
        model.name_order = STROKE
        timed("sort by 手机 column", lambda: model.sort(model.column_index("mobile")), repeat=3)
        print(f"rows: {len(rows)}; shown after clear: {model.shown}")
        db.dispose()
    del app
    return 0
