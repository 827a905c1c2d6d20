"""按来源录入's first step: choose a meeting, visit or free-standing kind from all of them (newest first),
narrowed as you type — the page's year does not limit what is offered."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from models.services.recommendation_sources import SourceChoice
from ui.widgets.buttons import ok_cancel


class SourcePickerDialog(QDialog):
    def __init__(self, choices: list[SourceChoice], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("按来源录入意见建议")
        self.choices = choices
        self.chosen: SourceChoice | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入会议、调研名称或日期查找，如“沙龙”“2024-03”")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        for index, choice in enumerate(choices):
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(choice.label)  # long titles stay readable
            self.list.addItem(item)
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._choose)
        self.list.itemDoubleClicked.connect(lambda _item: self._choose())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择会议、沙龙、调研或其他来源（全部年度，最近的在前）："))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(ok_cancel(self, self._choose, ok="录入"))
        self.resize(640, 480)
        self._filter()

    def _filter(self) -> None:
        words = self.search.text().lower().split()
        shown = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(word in item.text().lower() for word in words)
            item.setHidden(hidden)
            shown += not hidden
        current = self.list.currentItem()
        if current is None or current.isHidden():
            first = next((self.list.item(r) for r in range(self.list.count()) if not self.list.item(r).isHidden()),
                         None)
            self.list.setCurrentItem(first)
        self.count.setText(f"显示 {shown} / 共 {self.list.count()} 个来源" if words else f"共 {shown} 个来源")

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.chosen = self.choices[item.data(Qt.ItemDataRole.UserRole)]
        self.accept()


__all__ = ["SourcePickerDialog"]
