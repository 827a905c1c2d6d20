"""履职积分办法: edit the scoring scheme; the scheme's own words and (on the statistics page) the bands
that would result are shown as the user changes a number.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.services.performance import FormatInfo, MemberActivity, band_counts, member_records
from models.services.performance_scheme import (
    MAX_POINTS,
    OTHER_FORMAT,
    Band,
    Scheme,
    save_scheme,
    scheme_lines,
    validate_scheme,
)
from ui import messages
from ui.context import AppContext
from ui.dialogs.unsaved import EditDialog
from ui.operations import run_command
from ui.widgets.scrolling import scrolling

SCHEME_ERROR = "积分办法有误"


def _spin(value: float = 0.0, *, low: float = 0.0) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, MAX_POINTS)
    spin.setDecimals(1)
    spin.setSingleStep(1.0)
    spin.setSuffix(" 分")
    spin.setValue(value)
    return spin


class SchemeEditor(QWidget):
    """The scheme's numbers as a form.  `scheme()` reads them back (validated)."""

    changed = Signal()

    def __init__(self, formats: list[FormatInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.formats = [f for f in formats if f.code and f.code != OTHER_FORMAT]
        self.base, self.maximum = _spin(), _spin(low=1.0)
        self.no_cap = QCheckBox("不设上限")
        self.no_cap.toggled.connect(lambda on: self.maximum.setEnabled(not on))
        cap = QHBoxLayout()
        cap.addWidget(self.maximum)
        cap.addWidget(self.no_cap)
        cap.addStretch(1)
        basics = QFormLayout()
        basics.addRow("基础分：", self.base)
        basics.addRow("最高分：", cap)
        self.meeting_spins = {f.code: _spin() for f in self.formats}
        self.meeting_spins[OTHER_FORMAT] = _spin()
        meetings = QFormLayout()
        for f in self.formats:
            meetings.addRow(f"出席{f.name}（每次）：", self.meeting_spins[f.code])
        meetings.addRow("出席其他会议活动（每次）：", self.meeting_spins[OTHER_FORMAT])
        self.visit, self.recommendation, self.adopted = _spin(), _spin(), _spin()
        self.absence, self.leave = _spin(), _spin()
        others = QFormLayout()
        others.addRow("参加调研视察（每次）：", self.visit)
        others.addRow("提出意见建议（每条）：", self.recommendation)
        others.addRow("意见建议被采纳（每条另加）：", self.adopted)
        others.addRow("无故缺席（每次扣）：", self.absence)
        others.addRow("请假（每次扣）：", self.leave)
        self.bands = QTableWidget(0, 2)
        self.bands.setHorizontalHeaderLabels(["等次", "分数线（含）"])
        self.bands.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bands.verticalHeader().setVisible(False)
        self.bands.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.bands.setMinimumHeight(140)
        self.bands.setMaximumHeight(190)
        add, remove = QPushButton("增加等次"), QPushButton("删除等次")
        add.clicked.connect(lambda: self._add_band("", 0.0))
        remove.clicked.connect(self._remove_band)
        self.lowest = QLineEdit()
        self.lowest.setMaxLength(10)
        band_buttons = QHBoxLayout()
        band_buttons.addWidget(add)
        band_buttons.addWidget(remove)
        band_buttons.addStretch(1)
        band_buttons.addWidget(QLabel("最低等次（低于最后一条分数线）："))
        band_buttons.addWidget(self.lowest)
        band_box = QVBoxLayout()
        band_box.addWidget(self.bands)
        band_box.addLayout(band_buttons)
        columns = QHBoxLayout()
        columns.addWidget(self._group("基础分", basics))
        columns.addWidget(self._group("出席会议加分", meetings))
        columns.addWidget(self._group("调研、建议加分与扣分", others))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(self._group("等次（分数线从高到低）", band_box))
        for spin in (self.base, self.maximum, self.visit, self.recommendation, self.adopted, self.absence,
                     self.leave, *self.meeting_spins.values()):
            spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.no_cap.toggled.connect(lambda _on: self.changed.emit())
        self.lowest.textChanged.connect(lambda _t: self.changed.emit())
        self.bands.itemChanged.connect(lambda _i: self.changed.emit())

    @staticmethod
    def _group(title: str, layout) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(layout)
        return box

    def _add_band(self, name: str, minimum: float) -> None:
        row = self.bands.rowCount()
        self.bands.insertRow(row)
        self.bands.setItem(row, 0, QTableWidgetItem(name))
        self.bands.setItem(row, 1, QTableWidgetItem(f"{minimum:g}"))
        self.changed.emit()

    def _remove_band(self) -> None:
        rows = sorted({index.row() for index in self.bands.selectedIndexes()}, reverse=True)
        for row in rows or [self.bands.rowCount() - 1]:
            if row >= 0:
                self.bands.removeRow(row)
        self.changed.emit()

    def set_scheme(self, scheme: Scheme) -> None:
        self.blockSignals(True)
        self.base.setValue(scheme.base)
        self.no_cap.setChecked(scheme.maximum is None)
        self.maximum.setValue(scheme.maximum or 100.0)
        for code, spin in self.meeting_spins.items():
            spin.setValue(scheme.meeting_points.get(code, scheme.points_for(code)))
        for spin, value in ((self.visit, scheme.visit), (self.recommendation, scheme.recommendation),
                            (self.adopted, scheme.adopted), (self.absence, scheme.absence),
                            (self.leave, scheme.leave)):
            spin.setValue(value)
        self.bands.setRowCount(0)
        for band in scheme.bands:
            self._add_band(band.name, band.minimum)
        self.lowest.setText(scheme.lowest_band)
        self.blockSignals(False)
        self.changed.emit()

    def scheme(self) -> Scheme:
        """The scheme on screen; ValidationError (in Chinese) when a band line is not acceptable."""
        bands = []
        for row in range(self.bands.rowCount()):
            name = (self.bands.item(row, 0).text() if self.bands.item(row, 0) else "").strip()
            text = (self.bands.item(row, 1).text() if self.bands.item(row, 1) else "").strip()
            try:
                minimum = float(text)
            except ValueError:
                raise ValidationError(f"第{row + 1}个等次的分数线“{text}”不是数字。", field="bands") from None
            bands.append(Band(name, minimum))
        return validate_scheme(Scheme(
            base=self.base.value(), maximum=None if self.no_cap.isChecked() else self.maximum.value(),
            meeting_points={code: spin.value() for code, spin in self.meeting_spins.items()},
            visit=self.visit.value(), recommendation=self.recommendation.value(), adopted=self.adopted.value(),
            absence=self.absence.value(), leave=self.leave.value(), bands=tuple(bands),
            lowest_band=self.lowest.text()))


def scheme_words(scheme: Scheme, formats: list[FormatInfo]) -> str:
    return "\n".join(scheme_lines(scheme, {f.code: f.name for f in formats if f.code}))


class SchemeDialog(EditDialog):
    """Edit and save the scheme; with the year's activities, shows the bands the numbers would give."""

    def __init__(self, context: AppContext, formats: list[FormatInfo], scheme: Scheme,
                 activities: list[MemberActivity] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("履职积分办法")
        self.context, self.formats, self.activities = context, formats, activities
        self.saved: Scheme | None = None
        self.editor = SchemeEditor(formats)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setObjectName("summaryText")
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        reset = buttons.addButton("恢复默认", QDialogButtonBox.ButtonRole.ResetRole)
        reset.clicked.connect(lambda: self.editor.set_scheme(Scheme()))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.editor)
        body.addWidget(QLabel("积分办法全文（打印在每张积分表下方）："))
        body.addWidget(self.words)
        body.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)  # taller than a laptop's screen: it scrolls, the buttons stay
        layout.addWidget(buttons)
        self.editor.changed.connect(self.refresh)
        self.editor.set_scheme(scheme)
        self.resize(980, 620)
        self.track_edits(save=self.save)

    def refresh(self) -> None:
        try:
            scheme = self.editor.scheme()
        except ValidationError as exc:
            self.words.setText(f"（{exc.message}）")
            self.preview.setText("")
            return
        self.words.setText(scheme_words(scheme, self.formats))
        if self.activities is not None:
            counts = band_counts(member_records(self.activities, scheme, self.formats), scheme)
            self.preview.setText("按此办法，本年度 " + "、".join(f"{name} {n} 人" for name, n in counts.items()) + "。")

    def save(self) -> None:
        scheme = _checked(self, self.editor)
        if scheme is None:
            return
        self.save_button.setEnabled(False)

        def saved(result: Scheme) -> None:
            self.saved = result
            self.accept()

        run_command(self.context, self, lambda s: save_scheme(s, scheme), on_done=saved,
                    on_error=lambda _exc: self.save_button.setEnabled(True), title=SCHEME_ERROR)


def _checked(parent: QWidget, editor: SchemeEditor) -> Scheme | None:
    """The scheme on screen, or None after saying what is wrong with it (checked here: no database needed)."""
    try:
        return editor.scheme()
    except ValidationError as exc:
        messages.warn(parent, exc.message, title=SCHEME_ERROR)
        return None


class SchemeTab(QWidget):
    """The same editor as a tab of 参数设置."""

    def __init__(self, context: AppContext, formats: list[FormatInfo], scheme: Scheme,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.formats = context, formats
        self.editor = SchemeEditor(formats)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.save_button, reset = QPushButton("保存积分办法"), QPushButton("恢复默认")
        self.save_button.clicked.connect(self.save)
        reset.clicked.connect(lambda: self.editor.set_scheme(Scheme()))
        hint = QLabel("履职积分按此办法计算，统计页面的履职档案、一人一档和积分表随之更新。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(reset)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        layout.addStretch(1)
        self.editor.set_scheme(scheme)
        self.stored = self._on_screen()  # what the database holds, as the editor reads it back
        self.editor.changed.connect(lambda: self.status.setText(""))

    def save(self) -> None:
        scheme = _checked(self, self.editor)
        if scheme is None:
            return
        self.save_button.setEnabled(False)

        def saved(_result: Scheme) -> None:
            self.stored = scheme
            self.save_button.setEnabled(True)
            self.status.setText("已保存。")

        run_command(self.context, self, lambda s: save_scheme(s, scheme), on_done=saved,
                    on_error=lambda _exc: self.save_button.setEnabled(True), title=SCHEME_ERROR)

    def _on_screen(self) -> Scheme | None:
        try:
            return self.editor.scheme()
        except ValidationError:
            return None

    def unsavable(self) -> str | None:
        """Why the numbers on screen cannot be kept (they do not make a valid scheme), or None."""
        try:
            self.editor.scheme()
        except ValidationError as exc:
            return f"积分办法有误，这项修改无法保存：{exc.message}"
        return None

    def unsaved(self) -> Scheme | None:
        """A valid scheme on screen that differs from the stored one (saved when 参数设置 closes)."""
        scheme = self._on_screen()
        return scheme if scheme is not None and scheme != self.stored else None


__all__ = ["SchemeDialog", "SchemeEditor", "SchemeTab", "scheme_words"]
