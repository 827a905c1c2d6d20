"""参数设置 → 公文模板 through its buttons: export the built-in template, choose an office's own (checked
before it is kept), refuse a broken one with the reason, go back to the built-in; and the notice's 存为 Word
writing on the chosen template."""

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt

from models.settings import BULLETIN_TEMPLATE, NOTICE_TEMPLATE
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.test_notice_dialog import meeting_window, notice_dialog
from ui.dialogs.lookup_settings import LookupSettingsDialog, load_settings
from ui.dialogs.template_tab import BUILTIN
from ui.window_state import read

LETTERHEAD = "××区政协办公室文件"


class FileDialogs:
    """QFileDialog's answers, one per call ("" = 取消)."""

    def __init__(self, monkeypatch):
        self.answers: list[str] = []
        monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", self._answer)
        monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", self._answer)

    def _answer(self, *_args, **_kwargs):
        return self.answers.pop(0), ""


@pytest.fixture
def files(monkeypatch, tmp_path):
    monkeypatch.setattr("ui.files.QStandardPaths.writableLocation", lambda _location: str(tmp_path))
    saved: list[Path] = []
    monkeypatch.setattr("ui.files.show_saved", lambda _parent, path, _what: saved.append(Path(path)))
    dialogs = FileDialogs(monkeypatch)
    dialogs.saved = saved
    return dialogs


@pytest.fixture
def tab(qtbot, demo_context):
    dialog = LookupSettingsDialog(demo_context, db_call(demo_context, load_settings))
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.template_tab)
    dialog.show()
    yield dialog.template_tab
    dialog.close()


def add_letterhead(path: Path) -> None:
    doc = docx.Document(str(path))
    run = doc.paragraphs[0].insert_paragraph_before().add_run(LETTERHEAD)
    run.font.color.rgb = docx.shared.RGBColor(0xC0, 0, 0)
    doc.save(str(path))


def test_export_edit_choose_and_restore(qtbot, demo_context, tab, files, tmp_path, message_log):
    row = tab.rows["notice"]
    assert row.current.text() == BUILTIN and not row.default_button.isEnabled()
    exported = tmp_path / "通知模板.docx"
    files.answers.append(str(exported))
    qtbot.mouseClick(row.export_button, Qt.MouseButton.LeftButton)
    settle(qtbot, demo_context)
    assert files.saved == [exported] and exported.exists()

    add_letterhead(exported)  # what an office does in Word
    files.answers.append(str(exported))
    qtbot.mouseClick(row.choose_button, Qt.MouseButton.LeftButton)
    settle(qtbot, demo_context)
    assert read(demo_context.settings, NOTICE_TEMPLATE) == str(exported)
    assert row.current.text() == str(exported) and row.default_button.isEnabled()
    assert read(demo_context.settings, BULLETIN_TEMPLATE) == ""  # the other kind keeps the built-in one
    assert message_log.texts("warn") == []
    tab.window().resize(720, 520)
    save_screenshot(tab.window(), "settings_word_templates")

    qtbot.mouseClick(row.default_button, Qt.MouseButton.LeftButton)
    assert read(demo_context.settings, NOTICE_TEMPLATE) == "" and row.current.text() == BUILTIN


def test_a_template_without_the_body_is_refused_and_not_kept(qtbot, demo_context, tab, files, tmp_path,
                                                              message_log):
    broken = tmp_path / "缺正文.docx"
    doc = docx.Document()
    doc.add_paragraph("{{ 期号 }}")
    doc.add_paragraph("{{ 成文日期 }}")
    doc.save(str(broken))
    files.answers.append(str(broken))
    qtbot.mouseClick(tab.rows["bulletin"].choose_button, Qt.MouseButton.LeftButton)
    settle(qtbot, demo_context)
    (warning,) = message_log.texts("warn")
    assert "模板缺少占位符 {{p 正文 }}" in warning
    assert read(demo_context.settings, BULLETIN_TEMPLATE) == ""
    assert tab.rows["bulletin"].current.text() == BUILTIN


def test_notice_saved_as_word_on_the_chosen_template(qtbot, demo_context, files, tmp_path, message_log):
    from models.exports.notice_docx import NOTICE_KIND
    from models.exports.word_templates import export_default_template
    from ui.window_state import write

    template = export_default_template(NOTICE_KIND, tmp_path / "模板.docx")
    add_letterhead(template)
    write(demo_context.settings, NOTICE_TEMPLATE, str(template))
    window = meeting_window(qtbot, demo_context, venue="区政协机关三楼会议室", contact_name="陈晓燕",
                            contact_phone="0571-86012345")
    dialog = notice_dialog(qtbot, demo_context, window)
    out = tmp_path / "会议通知.docx"
    files.answers.append(str(out))
    qtbot.mouseClick(dialog.word_button, Qt.MouseButton.LeftButton)
    settle(qtbot, demo_context)
    assert files.saved == [out]
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[0] == LETTERHEAD and paragraphs[1].startswith("关于召开“推进老旧小区改造”")
    assert message_log.texts("warn") == []

    template.unlink()  # the office's file went away: a clear message, nothing written
    again = tmp_path / "会议通知2.docx"
    files.answers.append(str(again))
    qtbot.mouseClick(dialog.word_button, Qt.MouseButton.LeftButton)
    settle(qtbot, demo_context)
    (warning,) = message_log.texts("warn")
    assert "找不到模板文件" in warning and "恢复默认" in warning
    assert not again.exists()
