"""Names the program makes up: safe on Windows, unique in a folder, and saying the year a file belongs to."""

from datetime import date

from models.file_names import proposed_file_name, safe_file_name, unique_file_name


def test_windows_forbidden_characters_reserved_names_and_length():
    assert safe_file_name('会议:纪要/第1期?"草稿"<定稿>|.docx') == "会议_纪要_第1期__草稿__定稿__.docx"
    assert safe_file_name("  现场照片 .jpg ") == "现场照片.jpg"
    assert safe_file_name("CON.txt") == "_CON.txt" and safe_file_name("nul") == "_nul"
    assert safe_file_name("...") == "文件" and safe_file_name(".jpg", fallback="附件") == "附件.jpg"
    long = safe_file_name("很" * 300 + ".pdf")
    assert len(long) == 80 and long.endswith("很.pdf")
    assert safe_file_name("照片\t\n一.jpg") == "照片 一.jpg"


def test_unique_in_the_folder_ignoring_letter_case(tmp_path):
    assert unique_file_name(tmp_path / "none", "现场照片.jpg") == "现场照片.jpg"
    (tmp_path / "现场照片.JPG").write_bytes(b"")
    assert unique_file_name(tmp_path, "现场照片.jpg") == "现场照片(2).jpg"
    (tmp_path / "现场照片(2).jpg").write_bytes(b"")
    assert unique_file_name(tmp_path, "现场照片.jpg") == "现场照片(3).jpg"
    (tmp_path / "说明").write_bytes(b"")
    assert unique_file_name(tmp_path, "说明") == "说明(2)"


def test_a_proposed_name_says_the_year_it_belongs_to():
    exported = date(2026, 12, 1)
    assert proposed_file_name("2024年度协商议题遴选表", ".pdf", on=exported) == "2024年度协商议题遴选表.pdf"
    assert proposed_file_name("签到表", ".pdf", on=date(2024, 3, 15)) == "签到表-2024-03-15.pdf"
    assert proposed_file_name("人员名单", ".xlsx", on=exported) == "人员名单-2026-12-01.xlsx"
    assert proposed_file_name("第2024号/草稿", ".xlsx", on=exported) == "第2024号_草稿.xlsx"
