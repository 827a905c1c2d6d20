"""Combo boxes over lookup values and fixed choices, with a 全部/空 entry and data = id or value."""

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

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
        return max(0, self._room(hint))

    def _room(self, hint: QSize) -> int:
        """The longest choice's width less the text field of a combo of `hint`'s size (negative: room to
        spare)."""
        if self.count() == 0:
            return 0
        key = (self.count(), hint.width(), hint.height())  # Qt's hint changes with the longest choice
        cached = getattr(self, "_room_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, hint.width(), hint.height())
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self).width()
        metrics = self.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count()))
        self._room_cache = (key, longest + 4 - field)
        return self._room_cache[1]

    def set_choices(self, choices: list[tuple[str, object]], keep: bool = True) -> None:
        """Refill; the value is kept when it is still offered (`keep`). Listeners hear currentIndexChanged
        once, and only if the value did change (refilling a filter after a reload must not filter again)."""
        before = self.value()
        self._room_cache = None  # a TitleCombo's hint stays the same for other choices of the same count
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


class TitleCombo(ChoiceCombo):
    """A ChoiceCombo whose choices are titles people write (meetings, visits, topics, sources): as wide as
    the longest one up to `chars` Chinese characters, never wider, so one 60-character meeting title does
    not push a filter row (and the page) past a 1366 px screen. A longer title is cut in the box; the
    whole of it is in the tooltip, and the popup is as wide as the longest title (up to the screen)."""

    CHARS = 20  # "“打造中心城区消费新高地”专题双月协商会" whole; three such filters still fit a 1366 px row

    def __init__(self, empty_label: str | None = "全部", parent: QWidget | None = None, *, chars: int = CHARS,
                 tip: str = ""):
        super().__init__(empty_label, parent)
        self.chars, self.tip = chars, tip
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._fit_cap()
        self.currentIndexChanged.connect(lambda _i: self.show_title())
        self.show_title()

    def _fit_cap(self) -> None:
        """Qt counts the minimum contents length in "X"s: as many as `chars` Chinese characters take."""
        metrics = self.fontMetrics()
        self.setMinimumContentsLength(-(-metrics.horizontalAdvance("中" * self.chars)
                                        // max(1, metrics.horizontalAdvance("X"))))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_cap()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Qt's hint is `chars` wide; narrower when every choice is shorter (a filter of short titles
        stays small)."""
        hint = QComboBox.sizeHint(self)
        spare = -self._room(hint)
        return QSize(hint.width() - spare, hint.height()) if spare > 0 else hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint() if not self.isEditable() else QComboBox.minimumSizeHint(self)

    def set_choices(self, choices: list[tuple[str, object]], keep: bool = True) -> None:
        super().set_choices(choices, keep)
        for index in range(self.count()):  # the popup may be cut by the screen too
            self.setItemData(index, self.itemText(index), Qt.ItemDataRole.ToolTipRole)
        self.show_title()
        self.updateGeometry()  # Qt does not: in this policy its own hint does not follow the choices

    def show_title(self) -> None:
        """The chosen title in the tooltip (called by whoever sets the index with signals blocked)."""
        title = self.currentText() if self.currentIndex() > 0 or self.empty_label is None else ""
        self.setToolTip("\n".join(t for t in (title, self.tip) if t))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        """A cut title ends in "…" rather than half a character (what QComboBox paints, elided)."""
        if self.isEditable():
            return super().paintEvent(_event)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight,
                                                           field.width())
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        """The popup as wide as the longest title (Qt cuts it to the screen)."""
        view = self.view()
        if self.count():
            longest = max(view.sizeHintForColumn(0), 0)
            frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 8
            view.setMinimumWidth(min(longest + frame, self.screen().availableGeometry().width()))
        super().showPopup()


class SearchCombo(TitleCombo):
    """A ChoiceCombo for long lists (meetings, visits, topics of every year): type part of a name or a date
    and pick from the matches. Only offered items can be chosen: text that matches none is put back."""

    def __init__(self, empty_label: str | None = "全部", parent: QWidget | None = None):
        super().__init__(empty_label, parent, tip="可输入名称或日期的一部分查找")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lineEdit().editingFinished.connect(self._settle)

    def _settle(self) -> None:
        """After typing: an exact match is chosen, anything else shows the chosen item again."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else "")
