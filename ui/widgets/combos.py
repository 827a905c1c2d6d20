"""Combo boxes over lookup values and fixed choices, with a 全部/空 entry and data = id or value."""

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QStyle, QStyleOptionComboBox, QWidget

from models.services.lookups import LookupValue


class ChoiceCombo(QComboBox):
    """Items carry their value in userData; `value()` returns it (None for the 全部/空 item)."""

    def __init__(self, empty_label: str | None = "全部", parent: QWidget | None = None):
        super().__init__(parent)
        self.empty_label = empty_label
        # As wide as the longest choice, also when the choices arrive after the combo is shown (a filter
        # filled from the database): a label cut to "全部办理纟" reads as something else.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaxVisibleItems(25)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        return QSize(hint.width() + self._shortfall(hint), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Not below the longest choice: a layout short of room squeezes other things (or the window
        scrolls) rather than cut a choice to something else."""
        return super().minimumSizeHint() if self.isEditable() else self.sizeHint()

    def _shortfall(self, hint: QSize) -> int:
        """The pixels the style's own size hint leaves the longest choice short of (a few in Fusion, so
        the last character is cut)."""
        if self.count() == 0:
            return 0
        key = (self.count(), hint.width(), hint.height())  # Qt's hint changes with the longest choice
        cached = getattr(self, "_shortfall_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, hint.width(), hint.height())
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self).width()
        metrics = self.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count()))
        self._shortfall_cache = (key, max(0, longest + 4 - field))
        return self._shortfall_cache[1]

    def set_choices(self, choices: list[tuple[str, object]], keep: bool = True) -> None:
        """Refill; the value is kept when it is still offered (`keep`). Listeners hear currentIndexChanged
        once, and only if the value did change (refilling a filter after a reload must not filter again)."""
        before = self.value()
        was_blocked = self.blockSignals(True)  # the caller may have blocked them too: keep it that way
        self.clear()
        if self.empty_label is not None:
            self.addItem(self.empty_label, None)
        for label, value in choices:
            self.addItem(label, value)
        self.set_value(before if keep else None)
        self.blockSignals(was_blocked)
        if self.value() != before and not was_blocked:
            self.currentIndexChanged.emit(self.currentIndex())

    def set_lookup(self, values: list[LookupValue], *, current_id: int | None = None, keep: bool = True) -> None:
        """Active values, plus a retired one only if it is the current value of the record."""
        shown = [(v.name, v.id) for v in values if v.active or v.id == current_id]
        shown = [(f"{name}（已停用）" if not next(v for v in values if v.id == vid).active else name, vid)
                 for name, vid in shown]
        self.set_choices(shown, keep=keep)
        if current_id is not None:
            self.set_value(current_id)

    def value(self):
        return self.currentData()

    def set_value(self, value) -> None:
        index = self.findData(value) if value is not None else (0 if self.empty_label is not None else -1)
        self.setCurrentIndex(max(index, 0) if self.count() else -1)


class SearchCombo(ChoiceCombo):
    """A ChoiceCombo for long lists (meetings, visits, topics of every year): type part of a name or a date
    and pick from the matches. Only offered items can be chosen: text that matches none is put back."""

    def __init__(self, empty_label: str | None = "全部", parent: QWidget | None = None):
        super().__init__(empty_label, parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lineEdit().editingFinished.connect(self._settle)
        self.setToolTip("可输入名称或日期的一部分查找")

    def _settle(self) -> None:
        """After typing: an exact match is chosen, anything else shows the chosen item again."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else "")
