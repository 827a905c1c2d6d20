"""专报与批示: the year's bulletins, their recommendations and leaders' instructions; PDF and Word."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services.app_settings import get_setting
from models.services.bulletins import delete_bulletin, delete_instruction, mark_submitted
from models.services.recommendation_queries import BulletinRow, list_bulletins
from ui import messages
from ui.dialogs.bulletin_dialog import BulletinDialog
from ui.dialogs.instruction_dialog import InstructionDialog
from ui.table_models.row_model import RowColumn, RowTableModel

COLUMNS = [
    RowColumn("期号", lambda b: b.issue_label, lambda b: (b.year, b.issue_no)),
    RowColumn("刊物", lambda b: b.kind),
    RowColumn("标题", lambda b: b.title),
    RowColumn("印发日期", lambda b: f"{b.issued_on:%Y-%m-%d}" if b.issued_on else ""),
    RowColumn("建议", lambda b: f"{len({r.aspect_id for r in b.items if r.aspect_id})}方面{len(b.items)}条"),
    RowColumn("批示", lambda b: str(len(b.instructions) or ""), right=True),
]


class BulletinsTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.context = page, page.context
        self.model = RowTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((120, 90, 360, 100, 110)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.detail = QListWidget()
        self.instructions = QListWidget()
        self.instructions.setWordWrap(True)
        buttons = {}
        for text, slot in (("新建专报…", self.add), ("编辑…", self.edit), ("标记为已报送", self.submitted),
                           ("删除", self.delete), ("登记批示…", self.add_instruction),
                           ("删除批示", self.remove_instruction)):
            buttons[text] = QPushButton(text)
            buttons[text].clicked.connect(slot)
        buttons["标记为已报送"].setToolTip("把本期的意见建议状态推进到“已报送”（日期为印发日期）")
        output = QToolButton()
        output.setText("输出")
        output.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(output)
        self._document_actions(menu)
        output.setMenu(menu)
        self.output_button = output
        row = QHBoxLayout()
        for name in ("新建专报…", "编辑…", "标记为已报送", "删除"):
            row.addWidget(buttons[name])
        row.addStretch(1)
        row.addWidget(buttons["登记批示…"])
        row.addWidget(buttons["删除批示"])
        row.addWidget(output)
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel("本期刊发的意见建议："))
        left.addWidget(self.detail, 1)
        right.addWidget(QLabel("领导批示："))
        right.addWidget(self.instructions, 1)
        lower_layout.addLayout(left, 3)
        lower_layout.addLayout(right, 2)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        self.rows: list[BulletinRow] = []

    def _document_actions(self, menu: QMenu) -> None:
        from models.exports.bulletin_docx import export_bulletin_docx
        from models.printing import bulletin_layout, render_bulletin, render_bulletin_pdf
        from ui.documents import preview, print_now, save_pdf
        from ui.files import ask_save_path, show_saved

        def issuer() -> str:
            return self.context.call(get_setting, "print_issuer", "区政协办公室")

        def chosen():
            bulletin = self.selected()
            if bulletin is None:
                messages.inform(self, "请先选中一期专报。")
            return bulletin

        def name(b: BulletinRow) -> str:
            return f"{b.kind}{b.year}年第{b.issue_no}期"

        def word() -> None:
            b = chosen()
            if b is None:
                return
            path = ask_save_path(self, self.context, "存为 Word", name(b), file_filter="Word 文档 (*.docx)",
                                 suffix=".docx")
            if path:
                self.context.tasks.run(lambda _ctx: export_bulletin_docx(b, path, issuer=issuer()), with_session=False,
                                       label="正在生成 Word 文档…", parent=self,
                                       on_done=lambda saved: show_saved(self, saved, "专报 Word 文档"))

        menu.addAction("存为 Word（可在 Word/WPS 中修改）…", word)
        menu.addSeparator()
        menu.addAction("预览…", lambda: (b := chosen()) and preview(
            self, name(b), bulletin_layout(b), lambda device: render_bulletin(b, device, issuer=issuer())))
        menu.addAction("打印…", lambda: (b := chosen()) and print_now(
            self, name(b), bulletin_layout(b), lambda device: render_bulletin(b, device, issuer=issuer())))
        menu.addAction("存为 PDF…", lambda: (b := chosen()) and save_pdf(
            self, self.context, name(b), lambda path: render_bulletin_pdf(b, path, issuer=issuer())))

    # -- data -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.selected()
        self.rows = self.context.call(list_bulletins, self.page.year)
        self.model.set_rows(self.rows)
        for index, row in enumerate(self.rows):
            if current and row.id == current.id:
                self.table.selectRow(index)
        self.show_detail()

    def selected(self) -> BulletinRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def show_detail(self) -> None:
        self.detail.clear()
        self.instructions.clear()
        b = self.selected()
        if b is None:
            return
        for rec in b.items:
            self.detail.addItem(f"【{rec.aspect_name or '未分方面'}】{rec.title}（{rec.status}）")
        for i in b.instructions:
            when = f"{i.instructed_on:%Y-%m-%d}" if i.instructed_on else ""
            self.instructions.addItem(f"{when} {i.leader_title}{i.leader_name}：{i.content}")

    # -- actions --------------------------------------------------------------------------------------------
    def _call(self, service, *args) -> bool:
        try:
            self.context.call(service, *args)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return False
        self.page.changed()
        return True

    def add(self) -> None:
        dialog = BulletinDialog(self.context, self.page.year, self.page.rows, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def edit(self) -> None:
        b = self.selected()
        if b and BulletinDialog(self.context, b.year, self.page.rows, b, self).exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def submitted(self) -> None:
        b = self.selected()
        if b and messages.confirm(self, f"将{b.issue_label}的 {len(b.items)} 条意见建议标记为“已报送”吗？", yes="标记"):
            self._call(mark_submitted, b.id)

    def delete(self) -> None:
        b = self.selected()
        if b and messages.confirm(self, f"删除{b.issue_label}《{b.title}》吗？", informative="其中的意见建议不受影响。",
                                  yes="删除", danger=True):
            self._call(delete_bulletin, b.id)

    def add_instruction(self) -> None:
        b = self.selected()
        if b is None:
            messages.inform(self, "请先选中一期专报。")
            return
        if InstructionDialog(self.context, f"{b.issue_label}《{b.title}》", bulletin_id=b.id,
                             parent=self).exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def remove_instruction(self) -> None:
        b = self.selected()
        row = self.instructions.currentRow()
        if b is None or row < 0:
            return
        instruction = b.instructions[row]
        if messages.confirm(self, f"删除{instruction.leader_name}的这件批示吗？", yes="删除", danger=True):
            self._call(delete_instruction, instruction.id)
