"""Building the demo district (models/demo/__init__.py decides whether it is needed)."""

import os
import random
from collections.abc import Callable
from pathlib import Path

from models.audit import BUILT_BY_KEY, DEMO_OPERATOR
from models.db import Database, timestamped_name
from models.demo import content
from models.demo.events import EventsBuilder
from models.demo.names import NameMaker
from models.demo.people import build_people
from models.demo.sessions import SessionsBuilder, add_plenary_format
from models.demo.topics_2024 import advance_by_rank, build_topics_2024
from models.demo.year_2022 import plan_2022
from models.migrate import open_database
from models.paths import sqlite_url
from models.services.app_settings import set_setting
from models.services.people import create_organization
from models.services.topic_scores import list_topics
from models.settings import COMMITTEE_NAME, PRINT_ISSUER
from models.settings import DEMO_VERSION as STORED_DEMO_VERSION

from . import DEMO_VERSION, SEED

Progress = Callable[[int, int, str], None]
STEPS = 13
# A made-up district (no district in China has this name): the demo's sheets read like a real office's,
# while a new database of an office keeps the placeholder "××区政协" until the office enters its own name.
DEMO_COMMITTEE, DEMO_ISSUER = "江滨区政协", "江滨区政协办公室"


def _no_progress(_done: int, _total: int, _text: str) -> None:
    pass


def build_demo(database: Database, progress: Progress = _no_progress) -> None:
    """Fill an empty, seeded database with the demo district (one transaction)."""
    rng = random.Random(SEED)
    names = NameMaker(rng)
    step = iter(range(1, STEPS + 1))
    with database.session() as session:
        session.info[BUILT_BY_KEY] = DEMO_OPERATOR  # its 操作日志 entries and histories name the demo, not a person
        progress(next(step), STEPS, "正在生成单位")
        for name, kind in content.ORGANIZATIONS:
            create_organization(session, name, kind)
        progress(next(step), STEPS, "正在生成委员和嘉宾")
        people = build_people(session, rng, names)
        builder = EventsBuilder(session, rng, people, names, lambda text: progress(next(step), STEPS, text))
        builder.build()
        progress(next(step), STEPS, "正在生成2024年度候选议题和评分")
        reviewers = [people.names[pid] for pid in (people.chair, *people.vice_chairs[:2])]
        build_topics_2024(session, rng, reviewers, people.district)
        ranked = [row.id for row in list_topics(session, 2024)]
        advance_by_rank(session, ranked)
        # Added after the 2023 seed year and the 2024 pool, so those draw the same random numbers as before.
        progress(next(step), STEPS, "正在生成全体会议和常委会议")
        plenary_format = add_plenary_format(session)
        SessionsBuilder(builder, plenary_format).build()
        earlier = EventsBuilder(session, rng, people, names, lambda text: progress(next(step), STEPS, text),
                                plan_2022(builder.leader_names))
        earlier.build()
        SessionsBuilder(earlier, plenary_format).build()
        set_setting(session, COMMITTEE_NAME, DEMO_COMMITTEE)
        set_setting(session, PRINT_ISSUER, DEMO_ISSUER)
        set_setting(session, STORED_DEMO_VERSION, DEMO_VERSION)
    progress(STEPS, STEPS, "演示数据已生成")


def rebuild(path: Path, progress: Progress = _no_progress) -> Path:
    """Set an outdated demo file aside and build a new one, in a scratch file moved into place, so an
    interrupted build never leaves a half-filled demo behind."""
    if path.exists():
        os.replace(path, path.with_name(timestamped_name(path, "old-demo")))
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.stem + ".building" + path.suffix)
    for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
        leftover.unlink(missing_ok=True)
    result = open_database(sqlite_url(scratch))
    try:
        build_demo(result.database, progress)
    finally:
        result.database.dispose()
    os.replace(scratch, path)
    return path
