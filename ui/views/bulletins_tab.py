"""专报与批示: the year's bulletins, their recommendations and leaders' instructions; PDF and Word.

The tab reads the page's year's bulletins when it is shown and after changes to bulletins or to the
recommendations they carry; while hidden it waits.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.changes import Area, Changes
from models.columns import Column, number
from models.services.app_settings import print_issuer
from models.services.bulletins import (
    bulletin_delete_refusal,
    delete_bulletin,
    delete_instruction,
    mark_submitted,
    next_issue_no,
)
from models.services.recommendation_queries import BulletinRow, get_bulletin, list_bulletins
from ui import messages
from ui.deleting import delete_after_check
from ui.dialogs import exec_dialog
from ui.dialogs.bulletin_dialog import BulletinDialog
from ui.dialogs.instruction_dialog import InstructionDialog
from ui.operations import run_command, run_query
from ui.read_only import edits
from ui.table_models.row_model import RowTableModel
from ui.watch import AreaWatch
from ui.widgets.tables import current_row, kept_view, list_table

AREAS = {Area.BULLETINS, Area.RECOMMENDATIONS}  # the bulletins, and the titles and status of their items
COLUMNS = (
    Column("issue", "期号", text=lambda b: b.issue_label, sort=lambda b: (b.year, b.issue_no), chars=8),
    Column("kind", "刊物", chars=5),
    Column("title", "标题", chars=25),
    Column("issued_on", "印发日期", text=lambda b: f"{b.issued_on:%Y-%m-%d}" if b.issued_on else "", chars=6),
    Column("items", "建议", text=lambda b: f"{len({r.aspect_id for r in b.items if r.aspect_id})}方面{len(b.items)}条",
           chars=7),
    number("instructions", "批示", lambda b: len(b.instructions), blank_zero=True),
)


def file_name(b: BulletinRow) -> str:
    return f"{b.kind}{b.year}年第{b.issue_no}期"


class BulletinsTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.context = page, page.context
        self.rows: list[BulletinRow] = []
        self.loaded_year: int | None = None
        self.model = RowTableModel(COLUMNS, self)
        self.table = list_table(self.model, single=True, sortable=False, stretch_last=True)
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
        edits(self.context, *buttons.values())
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
        splitter.setOrientation(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        self.watch = AreaWatch(self, self.context, AREAS, self.reload)
        self.watch.request()

    # -- output ---------------------------------------------------------------------------------------------
    def _chosen(self) -> BulletinRow | None:
        bulletin = self.selected()
        if bulletin is None:
            messages.inform(self, "请先选中一期专报。")
        return bulletin

    def _printable(self):
        from models.printing import bulletin_layout, render_bulletin, render_bulletin_pdf
        from ui.documents import Printable

        b = self._chosen()
        if b is None:
            return None
        # The latest version of the bulletin and the issuer named on it, read when printing.
        return Printable(file_name(b), layout=lambda data: bulletin_layout(data[0]),
                         render=lambda data, device: render_bulletin(data[0], device, issuer=data[1]),
                         render_pdf=lambda data, path: render_bulletin_pdf(data[0], path, issuer=data[1]),
                         load=lambda s: (get_bulletin(s, b.id), print_issuer(s)))

    def _document_actions(self, menu: QMenu) -> None:
        from ui.documents import output_menu

        menu.addAction("存为 Word（可在 Word/WPS 中修改）…", self.save_word)
        menu.addSeparator()
        output_menu(self, menu, self.context, self._printable)

    def save_word(self) -> None:
        from models.exports.bulletin_docx import export_bulletin_docx
        from models.settings import BULLETIN_TEMPLATE
        from ui.files import ask_save_path, show_saved
        from ui.operations import run_background
        from ui.window_state import read

        b = self._chosen()
        if b is None:
            return
        path = ask_save_path(self, self.context, "存为 Word", file_name(b), file_filter="Word 文档 (*.docx)",
                             suffix=".docx")
        if path is None:
            return

        template = read(self.context.settings, BULLETIN_TEMPLATE) or None  # the office's own, if chosen

        def write(loaded) -> None:
            bulletin, issuer = loaded
            run_background(self.context, self,
                           lambda _ctx: export_bulletin_docx(bulletin, path, issuer=issuer, template=template),
                           label="正在生成 Word 文档…", on_done=lambda saved: show_saved(self, saved, "专报 Word 文档"))

        run_query(self.context, self, lambda s: (get_bulletin(s, b.id), print_issuer(s)), on_done=write,
                  label="正在准备专报…")

    # -- data -----------------------------------------------------------------------------------------------
    def reload(self, _changes: Changes | None = None) -> None:
        if self.page.loaded_year is None:
            return  # the page has not chosen its year yet: it asks again when it has
        year = self.page.year
        run_query(self.context, self, lambda s: list_bulletins(s, year), on_done=lambda rows: self._loaded(year, rows),
                  key=(id(self), "bulletins"), label="正在读取专报…")

    def _loaded(self, year: int, rows: list[BulletinRow]) -> None:
        self.rows, self.loaded_year = rows, year
        with kept_view(self.table):
            self.model.set_rows(rows)
        self.show_detail()

    def selected(self) -> BulletinRow | None:
        return current_row(self.table)

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
    def add(self) -> None:
        year, candidates = self.page.year, self.page.rows
        run_query(self.context, self, lambda s: next_issue_no(s, year),
                  on_done=lambda issue: exec_dialog(BulletinDialog(self.context, year, candidates, issue_no=issue,
                                                                   parent=self)))

    def edit(self) -> None:
        b = self.selected()
        if b is None:
            return
        candidates = self.page.rows
        run_query(self.context, self, lambda s: get_bulletin(s, b.id),
                  on_done=lambda fresh: exec_dialog(BulletinDialog(self.context, fresh.year, candidates, fresh,
                                                                   parent=self)))

    def submitted(self) -> None:
        b = self.selected()
        if b and messages.confirm(self, f"将{b.issue_label}的 {len(b.items)} 条意见建议标记为“已报送”吗？", yes="标记"):
            run_command(self.context, self, lambda s: mark_submitted(s, b.id))

    def delete(self) -> None:
        b = self.selected()
        if b:
            delete_after_check(self.context, self, refusal=lambda s: bulletin_delete_refusal(s, b.id),
                               question=f"删除{b.issue_label}《{b.title}》吗？", informative="其中的意见建议不受影响。",
                               delete=lambda s: delete_bulletin(s, b.id))

    def add_instruction(self) -> None:
        b = self.selected()
        if b is None:
            messages.inform(self, "请先选中一期专报。")
            return
        exec_dialog(InstructionDialog(self.context, f"{b.issue_label}《{b.title}》", bulletin_id=b.id, parent=self))

    def remove_instruction(self) -> None:
        b = self.selected()
        row = self.instructions.currentRow()
        if b is None or row < 0:
            return
        instruction = b.instructions[row]
        if messages.confirm(self, f"删除{instruction.leader_name}的这件批示吗？", yes="删除", danger=True):
            run_command(self.context, self, lambda s: delete_instruction(s, instruction.id), label="正在删除…")
