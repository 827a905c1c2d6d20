"""按来源录入: one meeting's (salon's, visit's …) recommendations as a list grouped by aspect, with the
running "N方面M条"; add aspects, reorder, paste many lines under an aspect at once.

The list is read before the dialog opens and again after every change to recommendations (the dialog's
own commands, the recommendation dialogs it opens, or a colleague's), through its AreaWatch.
"""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.changes import Area, Changes
from models.services.recommendation_entry import (
    AspectRow,
    Source,
    add_source_aspect,
    aspect_delete_refusal,
    aspects_of,
    delete_aspect,
    delete_recommendation,
    move_aspect,
    move_recommendation,
    paste_recommendations,
    recommendation_delete_refusal,
    rename_aspect,
    split_line,
    summary_text,
)
from models.services.recommendation_queries import RecommendationRow, list_recommendations
from models.text import quoted
from ui import messages
from ui.deleting import delete_after_check
from ui.dialogs import EditDialog, exec_dialog
from ui.dialogs.recommendation_dialog import open_recommendation_dialog
from ui.operations import run_command, run_query
from ui.watch import AreaWatch
from ui.widgets.buttons import ok_cancel

ASPECT, REC = 1, 2
AREAS = {Area.RECOMMENDATIONS, Area.PEOPLE}


@dataclass(frozen=True)
class EntryData:
    aspects: list[AspectRow]
    recommendations: list[RecommendationRow]  # merged duplicates left out


def load_entry(session, source: Source) -> EntryData:
    """The source's aspects and recommendations (a free-standing kind: only its own, of its year)."""
    s = source
    rows = list_recommendations(session, year=None if s.meeting_id or s.field_visit_id else s.year,
                                meeting_id=s.meeting_id, field_visit_id=s.field_visit_id)
    if not (s.meeting_id or s.field_visit_id):
        rows = [r for r in rows if r.meeting_id is None and r.field_visit_id is None and r.source_kind == s.kind]
    return EntryData(aspects_of(session, source), [r for r in rows if not r.is_duplicate])


def open_entry_dialog(context, parent: QWidget, source: Source, label: str) -> None:
    run_query(context, parent, lambda s: load_entry(s, source),
              on_done=lambda data: exec_dialog(EntryDialog(context, source, label, data, parent)),
              key=(id(parent), "entry dialog"), label="正在读取意见建议…")


class PasteDialog(EditDialog):
    """Paste or type many recommendations, one per line; the count updates as you type."""

    def __init__(self, aspect: str, before: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"粘贴多条建议 — {aspect}")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("每行一条。可写成“标题：内容”，否则以第一句为标题。"
                                     "行首的 1. （一） 一、 等编号会自动去掉。")
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.before = before
        self.text.textChanged.connect(self.update_count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.count)
        layout.addWidget(ok_cancel(self, self.accept, ok="添加"))
        self.resize(720, 460)
        self.chosen: list[str] = []
        self.update_count()
        self.track_edits(save=self.accept)

    def accept(self) -> None:
        self.chosen = self.lines()  # kept for after the dialog is gone
        super().accept()

    def lines(self) -> list[str]:
        return [line for line in self.text.toPlainText().splitlines() if line.strip()]

    def update_count(self) -> None:
        lines = self.lines()
        first = f"　第一条标题：“{split_line(lines[0])[0]}”" if lines else ""
        self.count.setText(f"将添加 {len(lines)} 条（本来源原有 {self.before}）{first}")


class EntryDialog(QDialog):
    def __init__(self, context, source: Source, label: str, data: EntryData, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.source = context, source
        self._pending_select = None
        self.setWindowTitle(f"录入意见建议 — {label}")
        self.summary = QLabel()
        self.summary.setObjectName("pageTitle")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["方面 / 建议", "提出人", "状态"])
        self.tree.setColumnWidth(0, 520)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.edit())
        buttons = {}
        for text, slot in (("新增方面…", self.add_aspect), ("改名…", self.rename), ("上移", lambda: self.move(-1)),
                           ("下移", lambda: self.move(1)), ("新增建议…", self.add_recommendation),
                           ("粘贴多条…", self.paste), ("编辑…", self.edit), ("删除", self.delete)):
            buttons[text] = QPushButton(text)
            buttons[text].clicked.connect(slot)
        buttons["粘贴多条…"].setToolTip("在选中的方面下一次添加多条（每行一条）")
        side = QVBoxLayout()
        for button in buttons.values():
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.tree, 1)
        body.addLayout(side)
        close = ok_cancel(self, self.accept, ok="完成")
        close.buttons()[1].setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.resize(980, 640)
        self._show(data)
        self.watch = AreaWatch(self, context, AREAS, self.reload)

    # -- showing ------------------------------------------------------------------------------------------------
    def reload(self, _changes: Changes | None = None) -> None:
        source = self.source
        run_query(self.context, self, lambda s: load_entry(s, source), on_done=self._show,
                  key=(id(self), "entry"), label="正在读取意见建议…")

    def _show(self, data: EntryData) -> None:
        select = self._pending_select or self.selected()
        self._pending_select = None
        self.tree.clear()
        items = {}
        for aspect in data.aspects:
            items[aspect.id] = QTreeWidgetItem([f"{aspect.name}（{aspect.count}条）", "", ""])
            items[aspect.id].setData(0, Qt.ItemDataRole.UserRole, (ASPECT, aspect.id))
            self.tree.addTopLevelItem(items[aspect.id])
        loose = None
        for rec in data.recommendations:
            parent = items.get(rec.aspect_id)
            if parent is None:
                if loose is None:
                    loose = QTreeWidgetItem(["（未分方面）", "", ""])
                    loose.setData(0, Qt.ItemDataRole.UserRole, (ASPECT, None))
                    self.tree.addTopLevelItem(loose)
                parent = loose
            item = QTreeWidgetItem([rec.title, rec.proposers, rec.status])
            item.setToolTip(0, rec.content)
            item.setData(0, Qt.ItemDataRole.UserRole, (REC, rec.id))
            parent.addChild(item)
        self.tree.expandAll()
        without = sum(1 for r in data.recommendations if r.aspect_id is None)
        self.summary.setText(f"共 {summary_text(data.aspects, without)}")
        if select:
            self._select(select)

    def _select(self, key) -> bool:
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            for item in [top] + [top.child(i) for i in range(top.childCount())]:
                if item.data(0, Qt.ItemDataRole.UserRole) == key:
                    self.tree.setCurrentItem(item)
                    return True
        return False

    def _select_later(self, key) -> None:
        """Select a new item now if the list already shows it, else when the reload brings it."""
        if not self._select(key):
            self._pending_select = key

    def selected(self):
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def current_aspect(self) -> int | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, value = item.data(0, Qt.ItemDataRole.UserRole)
        if kind == ASPECT:
            return value
        return item.parent().data(0, Qt.ItemDataRole.UserRole)[1]

    # -- actions ------------------------------------------------------------------------------------------------
    def _run(self, work, on_done=None) -> None:
        """One change; the list is read again by the watch (the notice reaches it)."""
        run_command(self.context, self, work, on_done=on_done)

    def add_aspect(self) -> None:
        name, ok = QInputDialog.getText(self, "新增方面", "方面名称（如：优化商业空间布局）：")
        if ok and name.strip():
            source = self.source
            self._run(lambda s: add_source_aspect(s, source, name),
                      on_done=lambda aspect_id: aspect_id and self._select_later((ASPECT, aspect_id)))

    def rename(self) -> None:
        key = self.selected()
        if not key or key[0] != ASPECT or key[1] is None:
            messages.inform(self, "请选中一个方面。")
            return
        current = self.tree.currentItem().text(0).rsplit("（", 1)[0]
        name, ok = QInputDialog.getText(self, "方面改名", "方面名称：", text=current)
        if ok and name.strip():
            self._run(lambda s: rename_aspect(s, key[1], name))

    def move(self, delta: int) -> None:
        key = self.selected()
        if not key or key[1] is None:
            return
        service = move_aspect if key[0] == ASPECT else move_recommendation
        self._run(lambda s: service(s, key[1], delta))

    def add_recommendation(self) -> None:
        open_recommendation_dialog(self.context, self, self.source, None, self.current_aspect(),
                                   on_saved=lambda rec_id: self._select_later((REC, rec_id)))

    def paste(self) -> None:
        aspect = self.current_aspect()
        item = self.tree.currentItem()
        label = item.text(0).rsplit("（", 1)[0] if item and item.data(0, Qt.ItemDataRole.UserRole)[0] == ASPECT \
            else (item.parent().text(0).rsplit("（", 1)[0] if item and item.parent() else "（未分方面）")
        dialog = PasteDialog(label, self.summary.text().removeprefix("共 "), self)
        if exec_dialog(dialog) and dialog.chosen:
            source, text = self.source, "\n".join(dialog.chosen)
            self._run(lambda s: paste_recommendations(s, source, aspect, text))

    def edit(self) -> None:
        key = self.selected()
        if key and key[0] == REC:
            open_recommendation_dialog(self.context, self, self.source, key[1])

    def delete(self) -> None:
        key = self.selected()
        if not key or key[1] is None:
            return
        text = self.tree.currentItem().text(0)
        if key[0] == ASPECT:
            service, refusal, text = delete_aspect, aspect_delete_refusal, "方面" + quoted(text.rsplit("（", 1)[0])
        else:
            service, refusal, text = delete_recommendation, recommendation_delete_refusal, quoted(text)
        delete_after_check(self.context, self, refusal=lambda s: refusal(s, key[1]), question=f"删除{text}吗？",
                           delete=lambda s: service(s, key[1]))
