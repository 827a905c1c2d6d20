"""Applying a people import checks each row once: the preview ran clean_person, the bulk write does not again —
while save_people on its own still checks everything (test_people_bulk.test_bulk_save_keeps_save_persons_rules)."""


from models.imports import people_import
from models.imports.people_import import analyse_people_import, apply_people_import
from models.services import people_bulk
from tests.models.test_people_bulk import _book, _decisions, _register


def test_apply_checks_rows_once(tmp_path, database, monkeypatch):
    _register(database)
    calls = {"preview": 0, "apply": 0}
    real = people_import.clean_person

    def counting(phase):
        def clean(data):
            calls[phase] += 1
            return real(data)
        return clean

    monkeypatch.setattr(people_import, "clean_person", counting("preview"))
    monkeypatch.setattr(people_bulk, "clean_person", counting("apply"))
    with database.session() as session:
        value_map = _decisions(session)
        preview = analyse_people_import(session, _book(tmp_path), value_map=value_map)
        report = apply_people_import(session, preview, value_map)
    assert report.created + report.updated == 6 and calls["preview"] >= 6
    assert calls["apply"] == 0
