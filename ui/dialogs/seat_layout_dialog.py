"""调整会场布置: the kind of room and its counts with a live preview of the numbered seats; 另存为模板 and
删除模板 keep the office's templates (an office setting, through the seat plan services)."""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.seat_layouts import FIELD_LABELS, MAX_COUNT, USED_FIELDS, LayoutKind, LayoutSpec, build_layout, describe
from models.services.seat_plans import delete_layout_template, save_layout_template
from models.text import quoted
from ui import messages
from ui.dialogs import EditDialog, save_form
from ui.operations import run_command
from ui.widgets.buttons import ok_cancel
from ui.widgets.form_error import FormError
from ui.widgets.seat_map import SeatCell, SeatMap

COUNTS = tuple(FIELD_LABELS)  # every count a kind may use (models.seat_layouts.USED_FIELDS says which)


class SeatLayoutDialog(EditDialog):
    def __init__(self, context, name: str, spec: LayoutSpec, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("调整会场布置")
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("如：三楼会议室回字形")
        self.name.setToolTip("另存为模板时用的名称")
        self.kind = QComboBox()
        for kind in LayoutKind:
            self.kind.addItem(kind.value, kind)
        self.kind.setCurrentIndex(list(LayoutKind).index(spec.kind))
        self.counts: dict[str, QSpinBox] = {}
        self.even_one_left = spec.even_one_left  # the office's rule (set where 座次表 is printed), kept as it is
        self.error = FormError()
        self.form = QFormLayout()
        self.form.addRow("模板名称：", self.name)
        self.form.addRow("", self.error.under("name", self.name))
        self.form.addRow("布置形式：", self.kind)
        for field in COUNTS:
            box = QSpinBox()
            box.setRange(0, MAX_COUNT)
            box.setValue(getattr(spec, field))
            box.valueChanged.connect(self._preview)
            self.counts[field] = box
            self.form.addRow(f"{FIELD_LABELS[field]}：", box)
        self.description = QLabel()
        self.description.setWordWrap(True)
        note = QLabel("“左为上”：1 号为最尊位，单数时居中，2 号在其右、3 号在其左（面向主席台看）。"
                      "双数时 1 号在哪一侧按本单位的设置（“参数设置 → 座次”）。"
                      "更换布置后，座位号在新布置中仍有的人保留原座位号。")
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.preview = SeatMap(editable=False)
        self.preview.setMinimumSize(420, 320)
        self.save_template_button = QPushButton("另存为模板")
        self.save_template_button.setToolTip("以上面的名称保存为本单位的模板（同名则替换）")
        self.save_template_button.clicked.connect(self.save_template)
        self.delete_template_button = QPushButton("删除模板")
        self.delete_template_button.setToolTip("删除名称为上面所填的模板（已排好座次的会议不受影响）")
        self.delete_template_button.clicked.connect(self.delete_template)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addWidget(self.description)
        left.addWidget(note)
        templates = QHBoxLayout()
        templates.addWidget(self.save_template_button)
        templates.addWidget(self.delete_template_button)
        templates.addStretch(1)
        left.addLayout(templates)
        left.addStretch(1)
        form_side = QWidget()
        form_side.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        form_side.setFixedWidth(400)  # the preview takes what is left, the fields keep their width
        body = QHBoxLayout()
        body.addWidget(form_side)
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self._use, ok="使用此布置"))
        self.resize(1000, 560)
        self._kind_changed()
        self.track_edits(save=self._use)

    def chosen_kind(self) -> LayoutKind:
        return LayoutKind(self.kind.currentData())  # Qt hands a StrEnum back as a str

    def spec(self) -> LayoutSpec:
        kind = self.chosen_kind()
        values = {field: self.counts[field].value() if field in USED_FIELDS[kind] else 0 for field in COUNTS}
        return LayoutSpec(kind=kind, even_one_left=self.even_one_left, **values)

    def chosen_name(self) -> str:
        return self.name.text().strip()

    def _kind_changed(self) -> None:
        used = USED_FIELDS[self.chosen_kind()]
        for field in COUNTS:
            self.form.setRowVisible(self.counts[field], field in used)
        self._preview()

    def _checked(self) -> LayoutSpec | None:
        spec = self.spec()
        try:
            spec.check()
        except DomainError as exc:
            self.description.setText(exc.message)
            self.description.setObjectName("fieldError")  # red, as a form's error lines
            self.description.setStyle(self.description.style())
            return None
        self.description.setObjectName("")
        self.description.setStyle(self.description.style())
        return spec

    def _preview(self) -> None:
        spec = self._checked()
        if spec is None:
            self.preview.set_layout(None)
            return
        self.description.setText(describe(spec))
        layout = build_layout(spec)
        self.preview.set_layout(layout)
        self.preview.set_cells({seat.number: SeatCell("", f"{seat.number} 号 {seat.zone}") for seat in layout.seats})

    def _use(self) -> None:
        if self._checked() is not None:
            self.accept()
        else:
            self.error.say(self.description.text())

    def save_template(self) -> None:
        spec, name = self._checked(), self.chosen_name()
        if spec is None:
            self.error.say(self.description.text())
            return
        save_form(self, lambda s: save_layout_template(s, name, spec), error=self.error,
                  button=self.save_template_button, on_done=lambda _r: self.save_template_button.setEnabled(True),
                  saved=f"已保存座次模板{quoted(name)}。")

    def delete_template(self) -> None:
        name = self.chosen_name()
        if not name:
            self.error.say("请填写要删除的模板名称。", "name")
            return
        if messages.confirm(self, f"删除座次模板{quoted(name)}吗？", yes="删除", danger=True,
                            informative="已排好座次的会议保留各自的布置，不受影响。"):
            run_command(self.context, self, lambda s: delete_layout_template(s, name),
                        on_done=lambda _r: messages.saved(self, f"已删除座次模板{quoted(name)}。"),
                        form=self.error.show_error, title="无法删除")


__all__ = ["SeatLayoutDialog"]
