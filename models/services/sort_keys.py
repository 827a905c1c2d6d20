"""Stored sort keys of people: computed when a name is saved, refreshed when the algorithm changes."""

from collections.abc import Callable

from sqlmodel import Session, select

from models.changes import Area, writes
from models.services.app_settings import get_setting, set_setting
from models.settings import SORT_KEYS_VERSION as STORED_VERSION
from models.sorting import SORT_KEYS_VERSION, sort_keys
from models.tables import Person

SORT_KEY_COLUMNS = ("sort_stroke", "sort_pinyin", "name_initials")


def sort_key_values(name: str) -> dict[str, str]:
    """The stored sort-key columns of a person called `name` (bulk writes fill them from this too)."""
    keys = sort_keys(name)
    # Cut to the column sizes: order is decided long before the 40th character of a name.
    initials = keys.initials[:200].rsplit(" ", 1)[0] if len(keys.initials) > 200 else keys.initials
    return {"sort_stroke": keys.stroke[:2000], "sort_pinyin": keys.pinyin[:600], "name_initials": initials}


def apply_sort_keys(person: Person) -> None:
    for column, value in sort_key_values(person.name).items():
        setattr(person, column, value)


@writes(Area.PEOPLE, Area.SETTINGS)
def refresh_sort_keys(session: Session, progress: Callable[[int, int], None] | None = None) -> int:
    """Fill missing keys, or all keys after SORT_KEYS_VERSION changed. Returns how many were updated."""
    everything = get_setting(session, STORED_VERSION) != SORT_KEYS_VERSION
    query = select(Person)
    if not everything:
        query = query.where(Person.sort_stroke.is_(None))
    people = session.exec(query).all()
    changed = 0
    for index, person in enumerate(people):
        before = (person.sort_stroke, person.sort_pinyin, person.name_initials)
        apply_sort_keys(person)
        if (person.sort_stroke, person.sort_pinyin, person.name_initials) != before:
            session.add(person)
            changed += 1
        if progress and index % 1000 == 0:
            progress(index, len(people))
    session.flush()
    if everything:
        set_setting(session, STORED_VERSION, SORT_KEYS_VERSION)
    return changed
