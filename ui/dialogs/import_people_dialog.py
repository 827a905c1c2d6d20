"""从 Excel 导入人员: pick the sheet and columns, decide unknown values, preview every row, then write the
新增/更新 rows in one transaction (all of them or none), leaving out the rows with errors after asking — as
every import does (ui/dialogs/import_preview.py), with the same report at the end."""

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.imports.people_import import FIELD_LABELS, NEW, ImportPreview, analyse_people_import, apply_people_import
from models.services import lookups
from ui import messages
from ui.context import AppContext
from ui.dialogs.import_preview import NOTE, confirm_leaving_out_errors, show_cancelled, show_report, write_progress
from ui.files import ask_open_path
from ui.operations import run_command, run_query
from ui.table_models.import_rows_model import ImportRowsModel
from ui.widgets.combos import ChoiceCombo

KIND_LABELS = {"party": "党派", "sector": "界别", "committee": "专委会", "liaison_group": "街镇联络组",
               "guest_category": "嘉宾类别"}
SKIP_COLUMN = "（不导入）"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class ImportPeopleDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.existing: dict[str, list] = {}  # the values already in the system, per kind of unknown value
        self.summary = None
        # Decisions on unknown values survive a re-analysis; they are applied only when importing.
        self.decisions: dict[tuple[str, str], object] = {}
        self.setWindowTitle("从 Excel 导入人员")
        self._build()

    # -- layout ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_label = QLabel("正在读取文件…")
        self.file_label.setWordWrap(True)
        self.sheet = QComboBox()
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet.activated.connect(lambda _i: self.analyse(sheet=self.sheet.currentText()))
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel("工作表："))
        top.addWidget(self.sheet)

        mapping_box = QGroupBox("列的对应关系（识别有误时可修改，然后点“按此重新分析”）")
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels(["Excel 中的列", "导入为"])
        self.mapping_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.mapping_table.setColumnWidth(1, 170)
        self.mapping_table.verticalHeader().setVisible(False)
        self.reanalyse_button = QPushButton("按此重新分析")
        self.reanalyse_button.clicked.connect(lambda: self.analyse(sheet=self.sheet.currentText(),
                                                                   mapping=self.chosen_mapping()))
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping_table)
        mapping_layout.addWidget(self.reanalyse_button)

        self.unknown_box = QGroupBox("系统中没有的参数值：请逐一选择新增、对应到已有的值，或留空")
        self.unknown_table = QTableWidget(0, 4)
        self.unknown_table.setHorizontalHeaderLabels(["类别", "文件中的值", "行数", "处理方式"])
        self.unknown_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.unknown_table.verticalHeader().setVisible(False)
        unknown_layout = QVBoxLayout(self.unknown_box)
        unknown_layout.addWidget(self.unknown_table)

        left = QVBoxLayout()
        left.addWidget(mapping_box, 1)
        left.addWidget(self.unknown_box, 1)

        rows_box = QGroupBox("逐行预览（确认前不会写入任何数据）")
        self.counts_label = QLabel()
        self.outcome_buttons = QButtonGroup(self)
        filters = QHBoxLayout()
        for index, label in enumerate(("全部", "新增", "更新", "错误", "跳过")):
            radio = QRadioButton(label)
            self.outcome_buttons.addButton(radio, index)
            filters.addWidget(radio)
        self.outcome_buttons.button(0).setChecked(True)
        self.outcome_buttons.idClicked.connect(self._filter_rows)
        filters.addStretch(1)
        self.counts_label.setObjectName("countLabel")
        self.rows_model = ImportRowsModel(ImportPreview.columns, self)
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.verticalHeader().setVisible(False)
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.addWidget(self.counts_label)
        rows_layout.addLayout(filters)
        rows_layout.addWidget(self.rows_view)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(rows_box, 3)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("确认导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(f"说明：已有人员按“编号”列或“姓名+手机/出生年月”识别；文件中的空格不会清除已有资料。{NOTE}")
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(1100, 680)

    # -- analysis --------------------------------------------------------------------------------------
    def choose_file(self, path: Path | None = None) -> bool:
        """Ask for the workbook (unless given) and start analysing it; False if the user gave up."""
        self.path = path or ask_open_path(self.parentWidget(), self.context, "选择要导入的 Excel 文件")
        if self.path is None:
            return False
        self.file_label.setText(f"文件：{self.path}")
        self.analyse()
        return True

    def analyse(self, sheet: str | None = None, mapping: dict | None = None) -> None:
        path = self.path
        if self.preview is not None:
            self.decisions.update(self.value_map())
        self.import_button.setEnabled(False)

        def work(ctx):
            preview = analyse_people_import(ctx.session, path, sheet=sheet, mapping=mapping,
                                            progress=lambda done, total: ctx.progress(done, total, "正在分析…"))
            existing = {kind: lookups.list_values(ctx.session, kind) for kind in preview.unknown_values}
            return preview, existing

        run_query(self.context, self, work, on_done=self.show_preview, on_error=self._analysis_failed,
                  label="正在分析 Excel 文件…", cancellable=True, title="无法导入",
                  on_cancel=lambda: self.preview is None and self.reject())

    def _analysis_failed(self, _exc: BaseException) -> None:
        if self.preview is None:
            QTimer.singleShot(0, self.reject)  # after the message: nothing to show without a preview

    def show_preview(self, result) -> None:
        preview, self.existing = result
        self.preview = preview
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(preview.sheets)
        self.sheet.setCurrentText(preview.sheet)
        self.sheet.blockSignals(False)
        self.file_label.setText(f"文件：{self.path}（表头在第 {preview.header_row} 行）")
        self._show_mapping(preview)
        self._show_unknown(preview)
        self.rows_model.set_rows(preview.rows)
        self.rows_view.resizeColumnsToContents()
        self._update_counts()

    def _show_mapping(self, preview: ImportPreview) -> None:
        table = self.mapping_table
        table.setRowCount(len(preview.headers))
        for row, header in enumerate(preview.headers):
            table.setItem(row, 0, QTableWidgetItem(f"{column_letter(row)} 列：{header or '（无标题）'}"))
            combo = QComboBox()
            combo.addItem(SKIP_COLUMN, None)
            for key, label in FIELD_LABELS.items():
                combo.addItem(label, key)
            current = preview.mapping.get(row)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            table.setCellWidget(row, 1, combo)

    def chosen_mapping(self) -> dict[int, str | None]:
        table = self.mapping_table
        return {row: table.cellWidget(row, 1).currentData() for row in range(table.rowCount())}

    def _show_unknown(self, preview: ImportPreview) -> None:
        items = [(kind, raw, count) for kind, values in preview.unknown_values.items() for raw, count in values.items()]
        self.unknown_box.setVisible(bool(items))
        table = self.unknown_table
        table.setRowCount(len(items))
        for row, (kind, raw, count) in enumerate(items):
            table.setItem(row, 0, QTableWidgetItem(KIND_LABELS.get(kind, kind)))
            table.setItem(row, 1, QTableWidgetItem(raw))
            table.setItem(row, 2, QTableWidgetItem(str(count)))
            combo = ChoiceCombo("请选择…")
            existing = self.existing.get(kind, [])
            combo.set_choices([(f"新增“{raw}”", NEW), ("留空", "")] +
                              [(f"对应到：{value.name}", value.id) for value in existing])
            combo.setProperty("key", (kind, raw))
            if (kind, raw) in self.decisions:
                decided = self.decisions[(kind, raw)]
                combo.set_value("" if decided is None else decided)
            combo.currentIndexChanged.connect(lambda _i: self._update_counts())
            table.setCellWidget(row, 3, combo)
        for column in range(3):
            table.resizeColumnToContents(column)

    def value_map(self) -> dict:
        decisions = {}
        for row in range(self.unknown_table.rowCount()):
            combo = self.unknown_table.cellWidget(row, 3)
            value = combo.value()
            if value is not None:
                decisions[tuple(combo.property("key"))] = None if value == "" else value
        return decisions

    def _filter_rows(self, button_id: int) -> None:
        self.rows_model.show_only((None, "新增", "更新", "错误", "跳过")[button_id])

    def _update_counts(self) -> None:
        if self.preview is None:
            return
        counts = self.preview.counts()
        self.counts_label.setText(f"共 {len(self.preview.rows)} 行：" +
                                  " · ".join(f"{k} {counts.get(k, 0)}" for k in ("新增", "更新", "错误", "跳过")))
        writes = counts.get("新增", 0) + counts.get("更新", 0)
        unresolved = self.preview.unresolved(self.value_map())
        self.import_button.setEnabled(writes > 0 and not unresolved)
        self.import_button.setToolTip("请先为所有系统中没有的参数值选择处理方式。" if unresolved else "")

    # -- writing --------------------------------------------------------------------------------------
    def confirm(self) -> None:
        preview, value_map = self.preview, self.value_map()
        if not confirm_leaving_out_errors(self, preview.counts()):
            return
        self.import_button.setEnabled(False)

        def work(ctx):
            return apply_people_import(ctx.session, preview, value_map, progress=write_progress(ctx, "人"))

        run_command(self.context, self, work, on_done=self._applied, on_error=self._apply_failed,
                    on_cancel=self._apply_cancelled, label="正在导入…", cancellable=True, title="导入未完成")

    def _apply_cancelled(self) -> None:
        self._update_counts()
        show_cancelled(self)

    def _applied(self, report) -> None:
        self.summary = report
        show_report(self, report)
        self.accept()

    def _apply_failed(self, exc: BaseException) -> bool:
        self._update_counts()
        if isinstance(exc, DomainError):
            messages.warn(self, exc.message + "\n\n本次导入没有写入任何数据。", title="导入未完成")
            return True
        return False
