"""调研 and 意见建议 services: visits and attachments, fast entry, lifecycle, merge, bulletins, 批示."""

from datetime import date

import pytest
from sqlmodel import select

from models.errors import InUseError, ValidationError
from models.services.bulletins import (
    BulletinData,
    InstructionData,
    delete_bulletin,
    mark_submitted,
    next_issue_no,
    save_bulletin,
    save_instruction,
)
from models.services.people import PersonData, save_person
from models.services.recommendation_entry import (
    RecommendationData,
    Source,
    add_source_aspect,
    aspects_of,
    delete_aspect,
    delete_recommendation,
    move_aspect,
    paste_recommendations,
    save_recommendation,
    split_line,
    summary_text,
)
from models.services.recommendation_queries import (
    get_bulletin,
    instructions_for,
    is_overdue,
    list_recommendations,
)
from models.services.recommendations import (
    change_recommendation_status,
    change_status_bulk,
    merge_duplicate,
    set_handling,
    unmerge,
)
from models.services.research import (
    VisitData,
    add_attachment,
    delete_visit,
    list_attachments,
    list_visits,
    remove_attachment,
    save_visit,
)
from models.tables import Recommendation

SOURCE = Source(year=2024, kind="社情民意")


@pytest.fixture
def people(database):
    with database.session() as session:
        return [save_person(session, PersonData(name=n)) for n in ("甲委员", "乙委员", "丙委员")]


def test_visits_with_participants_units_and_member_page(database, people):
    from models.services.people import organization_id

    with database.session() as session:
        unit = organization_id(session, "东湖社区卫生服务中心")
        visit = save_visit(session, VisitData(kind="实地调研", visit_date=date(2024, 4, 2), title="社区卫生服务调研",
                                              participants=[(people[0], "带队"), (people[1], "参加")],
                                              organization_ids=[unit]))
        with pytest.raises(ValidationError, match="调研日期"):
            save_visit(session, VisitData(kind="实地调研", visit_date=None, title="x"))
        with pytest.raises(ValidationError, match="调研形式"):
            save_visit(session, VisitData(kind="旅游", visit_date=date(2024, 4, 2), title="x"))
        row = list_visits(session, year=2024)[0]
        assert (row.title, row.organizations) == ("社区卫生服务调研", "东湖社区卫生服务中心")
        assert row.participants.startswith("甲委员（带队）")
        assert [v.id for v in list_visits(session, person_id=people[1])] == [visit]
        assert list_visits(session, person_id=people[2]) == []


def test_a_copy_nobody_records_leaves_no_file_behind(database, tmp_path):
    from models.errors import NotFoundError
    from models.services.research import copy_attachment, discard_copies, record_attachments

    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg")
    folder = tmp_path / "attachments"
    with database.session() as session:
        visit = save_visit(session, VisitData(kind="视察", visit_date=date(2024, 5, 1), title="视察"))
        with pytest.raises(ValidationError):  # a 301-character description is refused after the copy …
            add_attachment(session, visit, photo, folder, "说" * 301)
        assert list(folder.iterdir()) == []  # … which is then removed
        copy = copy_attachment(photo, folder)
        with pytest.raises(NotFoundError):
            record_attachments(session, visit + 1000, [copy])  # the visit went away meanwhile
        discard_copies([copy], folder)
        assert list(folder.iterdir()) == [] and list_attachments(session, visit, folder) == []


def test_attachments_are_copied_and_a_missing_file_is_shown_as_missing(database, tmp_path):
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg")
    folder = tmp_path / "attachments"
    with database.session() as session:
        visit = save_visit(session, VisitData(kind="视察", visit_date=date(2024, 5, 1), title="视察"))
        first = add_attachment(session, visit, photo, folder, "座谈会现场")
        add_attachment(session, visit, photo, folder)
        with pytest.raises(ValidationError, match="找不到文件"):
            add_attachment(session, visit, tmp_path / "nope.pdf", folder)
        rows = list_attachments(session, visit, folder)
        assert [r.file_name for r in rows] == ["现场照片.jpg", "现场照片.jpg"] and all(r.exists for r in rows)
        photo.unlink()  # the original may go: the copy stays
        rows[1].path.unlink()  # …but a copy removed by hand is reported, not a crash
        rows = list_attachments(session, visit, folder)
        assert [r.exists for r in rows] == [True, False]
        remove_attachment(session, first, folder)
        assert not rows[0].path.exists()
        delete_visit(session, visit, folder)


def test_fast_entry_with_aspects_and_pasting(database, people):
    text = "1. 加强社区养老服务：建议每个街道建设一家综合养老服务中心。\n\n（二）推进老旧小区加装电梯。明确补贴标准。\n"
    with database.session() as session:
        first = add_source_aspect(session, SOURCE, "养老服务")
        second = add_source_aspect(session, SOURCE, "城市更新")
        with pytest.raises(ValidationError, match="已有方面"):
            add_source_aspect(session, SOURCE, "养老服务")
        ids = paste_recommendations(session, SOURCE, first, text, proposed_on=date(2024, 3, 1))
        save_recommendation(session, RecommendationData(SOURCE, "推进城中村改造", "建议制定城中村改造三年计划。",
                                                        aspect_id=second, proposer_ids=[people[0]]))
        aspects = aspects_of(session, SOURCE)
        assert summary_text(aspects) == "2方面3条"
        rows = list_recommendations(session, year=2024)
        assert [(r.aspect_name, r.title) for r in rows] == [
            ("养老服务", "加强社区养老服务"), ("养老服务", "推进老旧小区加装电梯"), ("城市更新", "推进城中村改造")]
        assert rows[0].content == "建议每个街道建设一家综合养老服务中心。"
        move_aspect(session, second, -1)
        assert [a.name for a in aspects_of(session, SOURCE)] == ["城市更新", "养老服务"]
        with pytest.raises(InUseError, match="还有 2 条建议"):
            delete_aspect(session, first)
        with pytest.raises(ValidationError, match="建议内容"):
            save_recommendation(session, RecommendationData(SOURCE, "空的", "  "))
        with pytest.raises(ValidationError, match="每行粘贴"):
            paste_recommendations(session, SOURCE, first, "\n \n")
        delete_recommendation(session, ids[1])
    assert split_line("一、完善社区食堂。建议……") == ("完善社区食堂", "完善社区食堂。建议……")


def test_lifecycle_bulk_overdue_merge_and_count_once(database, people):
    with database.session() as session:
        a = save_recommendation(session, RecommendationData(SOURCE, "建议甲", "内容甲", proposer_ids=[people[0]],
                                                            proposed_on=date(2024, 3, 1)))
        b = save_recommendation(session, RecommendationData(SOURCE, "建议乙", "内容乙（与甲重复）",
                                                            proposer_ids=[people[1]], proposed_on=date(2024, 3, 2)))
        with pytest.raises(ValidationError, match="下一步可选：已汇编"):
            change_recommendation_status(session, a, "已交办")
        change_status_bulk(session, [a, b], "已汇编", on=date(2024, 3, 10))
        with pytest.raises(ValidationError, match="本次批量修改未执行"):
            change_status_bulk(session, [a, b], "已交办")
        set_handling(session, a, deadline=date(2024, 6, 30), lookback_date=date(2024, 12, 1), lookback_note="回头看")
        assert is_overdue(date(2024, 6, 30), None, "办理中", on=date(2024, 7, 1))
        assert not is_overdue(date(2024, 6, 30), date(2024, 6, 20), "办理中", on=date(2024, 7, 1))
        assert not is_overdue(date(2024, 6, 30), None, "已办结", on=date(2024, 7, 1))
        merge_duplicate(session, a, b)
        kept = list_recommendations(session, ids=[a])[0]
        assert kept.proposers == "甲委员、乙委员"
        assert session.get(Recommendation, b).duplicate_of_id == a
        assert session.get(Recommendation, b).content == "内容乙（与甲重复）"
        assert summary_text(aspects_of(session, SOURCE), without_aspect=1) == "1条"
        with pytest.raises(ValidationError, match="不同"):
            merge_duplicate(session, b, a)  # merging into a duplicate resolves to its original
        with pytest.raises(InUseError):
            delete_recommendation(session, a)
        unmerge(session, b)
        assert session.get(Recommendation, b).duplicate_of_id is None


def test_bulletins_numbers_submission_and_instructions(database):
    with database.session() as session:
        ids = [save_recommendation(session, RecommendationData(SOURCE, f"建议{i}", f"内容{i}",
                                                               proposed_on=date(2024, 3, 1))) for i in range(3)]
        assert next_issue_no(session, 2024) == 1
        first = save_bulletin(session, BulletinData(2024, 1, "关于社区养老的建议", date(2024, 4, 1),
                                                    recommendation_ids=[ids[2], ids[0]]))
        with pytest.raises(ValidationError, match="下一个可用期号：2"):
            save_bulletin(session, BulletinData(2024, 1, "重复期号", date(2024, 4, 2)))
        assert [r.id for r in get_bulletin(session, first).items] == [ids[2], ids[0]]
        assert mark_submitted(session, first) == 2
        assert {r.status for r in list_recommendations(session, ids=[ids[0], ids[2]])} == {"已报送"}
        with pytest.raises(ValidationError, match="不能早于专报印发日期"):
            save_instruction(session, InstructionData("某领导", date(2024, 3, 20), bulletin_id=first))
        with pytest.raises(ValidationError, match="一期专报或一条意见建议"):
            save_instruction(session, InstructionData("某领导", date(2024, 4, 5)))
        on_bulletin = save_instruction(session, InstructionData("某领导", date(2024, 4, 5), "请研究。", "区长",
                                                                bulletin_id=first))
        on_rec = save_instruction(session, InstructionData("某领导", date(2024, 4, 8), "请落实。", "副区长",
                                                           recommendation_id=ids[0]))
        shown = [i.id for i in instructions_for(session, recommendation_id=ids[0])]
        assert shown == [on_bulletin, on_rec]  # the bulletin's 批示 shows on its recommendations too
        assert [i.id for i in instructions_for(session, recommendation_id=ids[1])] == []
        with pytest.raises(InUseError, match="批示"):
            delete_bulletin(session, first)
        assert session.exec(select(Recommendation).where(Recommendation.id == ids[1])).one().status == "提出"


def test_attachments_keep_their_names_made_unique_and_old_random_names_still_work(database, tmp_path):
    from models.tables import Attachment

    folder = tmp_path / "attachments"
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg")
    odd = tmp_path / "座谈:纪要?.docx"
    odd.write_bytes(b"docx")
    with database.session() as session:
        visit = save_visit(session, VisitData(kind="视察", visit_date=date(2024, 5, 1), title="视察"))
        for source in (photo, photo, odd):
            add_attachment(session, visit, source, folder)
        folder.joinpath("934d45d4aa.jpg").write_bytes(b"old")  # stored the old way, by an earlier version
        session.add(Attachment(field_visit_id=visit, file_name="旧照片.jpg", stored_name="934d45d4aa.jpg", size=3))
        session.flush()
        rows = list_attachments(session, visit, folder)
        assert [r.stored_name for r in rows] == ["现场照片.jpg", "现场照片(2).jpg", "座谈_纪要_.docx", "934d45d4aa.jpg"]
        assert [r.file_name for r in rows] == ["现场照片.jpg", "现场照片.jpg", "座谈:纪要?.docx", "旧照片.jpg"]
        assert all(r.exists for r in rows) and rows[1].path.read_bytes() == b"\xff\xd8fake jpeg"
        remove_attachment(session, rows[3].id, folder)
        assert not (folder / "934d45d4aa.jpg").exists()


def test_a_name_still_recorded_for_a_file_deleted_by_hand_is_explained(database, tmp_path):
    from models.errors import DomainError
    from models.services.research import copy_attachment, record_attachments

    folder = tmp_path / "attachments"
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"jpeg")
    with database.session() as session:
        visit = save_visit(session, VisitData(kind="视察", visit_date=date(2024, 5, 1), title="视察"))
        add_attachment(session, visit, photo, folder)
        (folder / "现场照片.jpg").unlink()  # by hand: the record stays, shown as 【文件缺失】
        copy = copy_attachment(photo, folder)
        with pytest.raises(DomainError, match="文件缺失"):
            record_attachments(session, visit, [copy])
