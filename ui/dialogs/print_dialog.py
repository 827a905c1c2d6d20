"""打印: choose the options of one sheet, then preview, print, or save it as a PDF (the notice also as Word).

Saving a PDF lays the sheet out and writes it on the file worker; preview and printing lay it out and paint
it on the GUI thread (a layout is painted on the thread that made it: see ui/documents.py).
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.clock import today
from models.printing import (
    SheetInput,
    SheetKind,
    SheetOptions,
    default_notice_text,
    page_layout,
    pdf_file_name,
    render,
    render_pdf,
)
from models.printing.notice_checks import dates_text, deadline_in_text, missing_fields, notice_dates, with_deadline
from models.printing.notice_text import month_day, reply_deadline
from models.printing.seats import has_seats, in_seat_order
from models.seat_layouts import describe
from models.services.app_settings import get_setting, print_issuer, set_setting
from models.services.chase_list import AWAITING_STATUSES, awaiting_summary
from models.services.entry_codes import entry_secret, stored_entry_secret
from models.services.holidays import WorkingDaySettings, working_day_settings
from models.services.meetings import save_notice_text
from models.services.seat_plans import get_seat_plan
from models.settings import NOTICE_TEMPLATE, PRINT_ISSUER, SEATING_EVEN_ONE_LEFT
from models.vocab import AttendanceRole
from ui import messages
from ui.dialogs import exec_dialog
from ui.dialogs.unsaved import EditDialog
from ui.documents import PDF_FILTER, Printable, print_directly, save_to, show_preview
from ui.operations import run_command, run_query
from ui.table_models.person_model import PINYIN, STROKE
from ui.widgets.combos import ChoiceCombo
from ui.widgets.date_edit import DateEdit

SEAT = "seat"  # 桌签 in seat order (the stored seat numbers)


def print_settings(session, kind: SheetKind, meeting_id: int) -> dict:
    """What PrintDialog's `settings` holds, read on the database executor."""
    settings = {"issuer": print_issuer(session), "even_left": get_setting(session, SEATING_EVEN_ONE_LEFT),
                "working_days": working_day_settings(session)}
    if kind == SheetKind.SEATING:  # drawn from the seat plan when the meeting has one
        settings["plan"] = get_seat_plan(session, meeting_id)
    return settings


def open_print_dialog(owner, kind: SheetKind) -> None:
    """Read the office's printing settings, then open the dialog for one sheet of `owner`'s meeting."""
    meeting_id = owner.meeting_id
    run_query(owner.context, owner, lambda session: print_settings(session, kind, meeting_id),
              on_done=lambda settings: exec_dialog(PrintDialog(owner, kind, settings)))


def sheet_printable(kind: SheetKind) -> Printable:
    return Printable(kind.value, layout=lambda data: page_layout(kind, data),
                     render=lambda data, device: render(kind, data, device),
                     render_pdf=lambda data, path: render_pdf(kind, data, path))


class PrintDialog(EditDialog):
    """`settings`: {"issuer": 发文单位, "even_left": the seating rule, "working_days": holidays and leads}
    as stored for the office (without "working_days": chinesecalendar alone and the default leads); for the
    座次表 also "plan": the meeting's SeatPlanView (without it, or with no layout: the main-table sheet)."""

    def __init__(self, owner, kind: SheetKind, settings: dict, parent: QWidget | None = None):
        super().__init__(parent or owner)
        self.owner, self.kind, self.context = owner, kind, owner.context
        self.settings = settings
        self.setWindowTitle(f"打印{kind.value} — {owner.meeting.title}")
        self.setObjectName(f"PrintDialog-{kind.name.lower()}")  # each sheet's options: a size of their own
        self.order = ChoiceCombo(empty_label=None)
        orders = [("按姓氏笔画", STROKE), ("按拼音", PINYIN)]
        if kind == SheetKind.NAME_CARDS and has_seats(owner.invitees):  # cards go on the tables seat by seat
            orders.insert(0, ("按座位号（未排座位的按笔画排在后面）", SEAT))
        self.order.set_choices(orders)
        form = QFormLayout()
        form.addRow("姓名顺序：", self.order)
        self.extra = QVBoxLayout()
        getattr(self, f"_options_{kind.name.lower()}")(form)

        self.preview_button = QPushButton("预览…")
        self.print_button = QPushButton("打印…")
        self.pdf_button = QPushButton("存为 PDF…")
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.save_pdf)
        buttons = QDialogButtonBox()
        actions = [self.preview_button, self.print_button, self.pdf_button]
        if kind == SheetKind.NOTICE:  # the notice also goes out as Word, on the office's template if it has one
            self.word_button = QPushButton("存为 Word…")
            self.word_button.setToolTip("存为 Word 文档（.docx），可在 Word/WPS 中修改；"
                                        "用“参数设置 → 公文模板”中选定的模板")
            self.word_button.clicked.connect(self.save_word)
            actions.append(self.word_button)
        for button in actions:
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.preview_button.setDefault(True)
        close.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.extra, 1)
        layout.addWidget(buttons)
        wide = kind in (SheetKind.NOTICE, SheetKind.NAME_CARDS, SheetKind.ENTRY_CARDS)
        self.resize(720 if wide else 460, self.sizeHint().height())
        if kind == SheetKind.NOTICE:  # the notice's words and issuer are kept for the meeting; options are not
            self.track_edits(save=self._keep_notice, state=lambda: (self.issuer.text(), self.text.toPlainText()))

    def _keep_notice(self) -> None:
        """保存 when closing: the edited notice is kept for this meeting without printing it."""
        self._remember(self.sheet_input())
        QDialog.reject(self)

    # -- options per sheet ---------------------------------------------------------------------------------
    def _options_sign_in(self, form: QFormLayout) -> None:
        self.group = ChoiceCombo("不分组")
        self.group.set_choices([("按界别分组", "界别"), ("按参会角色分组", "角色")])
        form.addRow("分组：", self.group)

    def _options_name_cards(self, form: QFormLayout) -> None:
        self.card_stock = QRadioButton("桌签卡纸（210×140 毫米，一张一个）")
        self.two_per_a4 = QRadioButton("A4 纸（一张两个，沿虚线裁开）")
        self.card_stock.setChecked(True)
        form.addRow("纸张：", self.card_stock)
        form.addRow("", self.two_per_a4)
        self._people_list("为哪些人打印桌签（默认不含工作人员和请假的人）：")

    def _options_entry_cards(self, form: QFormLayout) -> None:
        note = QLabel("A4 纸一张 8 个，沿裁切线裁开。二维码只含本会议的入场码（不含姓名、电话），"
                      "签到时用扫码枪扫描即可签到；其他会议的参会证不能用于本会议签到。")
        note.setWordWrap(True)
        self.extra.addWidget(note)
        self._people_list("为哪些人打印参会证（默认不含工作人员和请假的人）：")

    def _people_list(self, label: str) -> None:
        """Who gets a card: everyone but staff and those on leave, unless the user ticks otherwise."""
        self.people = QListWidget()
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row in self.owner.invitees:
            item = QListWidgetItem(f"{row.name}　（{row.role}）")
            item.setData(Qt.ItemDataRole.UserRole, row.attendance_id)
            item.setCheckState(Qt.CheckState.Unchecked if row.role == AttendanceRole.STAFF or row.on_leave
                               else Qt.CheckState.Checked)
            self.people.addItem(item)
        all_button, none_button = QPushButton("全选"), QPushButton("全不选")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        row = QHBoxLayout()
        row.addWidget(QLabel(label), 1)
        row.addWidget(all_button)
        row.addWidget(none_button)
        self.extra.addLayout(row)
        self.extra.addWidget(self.people, 1)

    def _check_all(self, on: bool) -> None:
        for index in range(self.people.count()):
            self.people.item(index).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _options_seating(self, form: QFormLayout) -> None:
        self.even_left = ChoiceCombo(empty_label=None)
        self.even_left.set_choices([("1 号在中间两座的左侧（面向主席台看）", True),
                                    ("1 号在中间两座的右侧（面向主席台看）", False)])
        self.even_left.set_value(bool(self.settings["even_left"]))
        self.main_seats = QSpinBox()
        self.main_seats.setRange(0, 60)
        self.main_seats.setSpecialValueText("自动（主持人和有座位号的人）")
        plan = self.settings.get("plan")
        if plan is not None and plan.layout is not None:  # the numbering is the plan's: nothing to choose here
            note = QLabel(f"按本会议的座次图打印（{describe(plan.layout.spec)}），之后附按座位号排列的名单。"
                          "座位请在会议的“座次”页中调整。")
            note.setObjectName("hint")
            note.setWordWrap(True)
            self.extra.addWidget(note)
            return
        form.addRow("主桌座位为双数时：", self.even_left)
        form.addRow("主桌座位数：", self.main_seats)
        note = QLabel("“左为上”：单数时 1 号居中，2 号在其右、3 号在其左（面向主席台看，即…5 3 1 2 4…）。"
                      "双数时不同地方的惯例不同，请按本单位习惯选择；选择会保存下来。")
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.extra.addWidget(note)

    def _options_notice(self, form: QFormLayout) -> None:
        self.working_days: WorkingDaySettings = self.settings.get("working_days") or WorkingDaySettings((), 15, 3)
        self.issuer = QLineEdit(self.settings["issuer"])
        self.issued_on = DateEdit(today())
        self.reply_by = DateEdit(optional=True, empty_text=f"默认（会前 {self.working_days.reply_lead} 个工作日）")
        form.addRow("发文单位：", self.issuer)
        form.addRow("成文日期：", self.issued_on)
        form.addRow("回执截止日期：", self.reply_by)
        self.dates_note = QLabel()
        self.dates_note.setWordWrap(True)
        form.addRow("", self.dates_note)
        self.issued_on.valueChanged.connect(lambda _value: self._show_dates())
        self.reply_by.valueChanged.connect(lambda _value: self._show_dates())
        self._show_dates()
        saved = self.owner.meeting.notice_text
        self.text = QPlainTextEdit(saved or default_notice_text(self.owner.meeting, self.owner.invitees,
                                                               self.owner.agenda, self._notice_options()))
        self.text.setMinimumHeight(280)
        self.text.textChanged.connect(self._show_dates)  # a deadline typed into the body is checked at once
        self._show_dates()
        reset = QPushButton("恢复为自动生成的正文")
        reset.clicked.connect(self._reset_notice)
        row = QHBoxLayout()
        row.addWidget(QLabel("通知正文（可直接修改；每段一行；打印时保存到本会议）："), 1)
        row.addWidget(reset)
        self.extra.addLayout(row)
        self.extra.addWidget(self.text, 1)

    def _reset_notice(self) -> None:
        self.text.setPlainText(default_notice_text(self.owner.meeting, self.owner.invitees, self.owner.agenda,
                                                   self._notice_options()))

    def _notice_options(self) -> SheetOptions:
        """The options the notice's dates are counted with (holidays from the office's settings)."""
        days = self.working_days
        options = SheetOptions(calendar=days.calendar, reply_lead=days.reply_lead, notice_lead=days.notice_lead,
                               issuer=self.issuer.text().strip() or PRINT_ISSUER.default)
        options.issued_on = self.issued_on.value() or today()
        if self.reply_by.value() is not None:
            options.reply_by = self.reply_by.value()
        return options

    def _show_dates(self) -> None:
        """回执截止 and 最迟发文 in working days, where the holidays came from, and a warning when late."""
        options = self._notice_options()
        dates = notice_dates(SheetInput(self.owner.meeting, [], [], options))
        if dates is None:
            text, warning = "会议时间尚未确定，无法计算回执截止和最迟发文日期。", True
        else:
            text, warning = dates_text(dates, options.issued_on, options.reply_lead, options.notice_lead)
        stale = self._stale_deadline(options)
        if stale is not None:
            text += f"正文中写的回执截止日期是{stale[0]}，与回执上的{month_day(stale[1])}不一致，打印前请改正。"
            warning = True
        self.dates_note.setText(text)
        self.dates_note.setObjectName("fieldError" if warning else "hint")
        self.dates_note.style().unpolish(self.dates_note)
        self.dates_note.style().polish(self.dates_note)

    def _stale_deadline(self, options: SheetOptions):
        """(what the body says, the 回执's deadline) when the body's words give another date; else None."""
        body = getattr(self, "text", None)  # the dates are shown before the body is made
        deadline = reply_deadline(self.owner.meeting, options)
        said = deadline_in_text(body.toPlainText() if body is not None else None, deadline)
        return (said, deadline) if said is not None else None

    def _deadline_agrees(self) -> bool:
        """A body giving another reply deadline than its 回执 is put right (or the user goes back to it)."""
        stale = self._stale_deadline(self._notice_options())
        if stale is None:
            return True
        said, deadline = stale
        if not messages.confirm(
                self, f"通知正文中写的回执截止日期是{said}，而回执上是{month_day(deadline)}。",
                title="回执截止日期不一致", yes=f"把正文改为{month_day(deadline)}", no="返回修改",
                informative="回执上的日期按“回执截止日期”一栏（未填时按会前的工作日和节假日表）计算。正文可能是"
                            f"此前保存的，或者那一栏后来改过。“把正文改为{month_day(deadline)}”只改正文中的这个日期，其余文字不变。"):
            return False
        self.text.setPlainText(with_deadline(self.text.toPlainText(), deadline))
        return True

    def _options_roster(self, form: QFormLayout) -> None:
        self.include_leave = QCheckBox("包括请假人员")
        self.include_leave.setChecked(True)
        form.addRow("", self.include_leave)

    def _options_agenda(self, form: QFormLayout) -> None:
        if not self.owner.agenda:
            note = QLabel("本会议还没有议程，请先在“议程”中添加。")
            note.setObjectName("fieldError")
            self.extra.addWidget(note)

    def _options_chase(self, form: QFormLayout) -> None:
        note = QLabel(f"只列出尚未回执的人员（{'、'.join(AWAITING_STATUSES)}），不含工作人员。"
                      f"当前：{awaiting_summary(self.owner.invitees)}。")
        note.setWordWrap(True)
        self.extra.addWidget(note)

    # -- the sheet's data ------------------------------------------------------------------------------------
    def sheet_input(self) -> SheetInput:
        rows = list(self.owner.invitees)
        if self.order.value() == PINYIN:
            rows.sort(key=lambda r: (r.sort_pinyin, r.sort_stroke, r.person_id))
        else:
            rows.sort(key=lambda r: (r.sort_stroke, r.person_id))
        if self.order.value() == SEAT:
            rows = in_seat_order(rows)
        options = SheetOptions()
        if self.kind == SheetKind.SIGN_IN:
            options.group_by = self.group.value()
        elif self.kind in (SheetKind.NAME_CARDS, SheetKind.ENTRY_CARDS):
            chosen = {self.people.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.people.count())
                      if self.people.item(i).checkState() == Qt.CheckState.Checked}
            rows = [r for r in rows if r.attendance_id in chosen]
            if self.kind == SheetKind.NAME_CARDS:
                options.card_stock = self.card_stock.isChecked()
        elif self.kind == SheetKind.SEATING:
            options.seat_even_one_left = bool(self.even_left.value())
            options.main_seats = self.main_seats.value() or None
            return SheetInput(self.owner.meeting, rows, list(self.owner.agenda), options,
                              plan=self.settings.get("plan"))
        elif self.kind == SheetKind.NOTICE:
            options = self._notice_options()
            options.notice_text = self.text.toPlainText()
        elif self.kind == SheetKind.ROSTER and not self.include_leave.isChecked():
            rows = [r for r in rows if not r.on_leave]
        return SheetInput(self.owner.meeting, rows, list(self.owner.agenda), options)

    def _ready(self) -> SheetInput | None:
        data = self.sheet_input()
        if self.kind in (SheetKind.NAME_CARDS, SheetKind.ENTRY_CARDS) and not data.invitees:
            messages.warn(self, "请至少勾选一个人。")
            return None
        if self.kind not in (SheetKind.NOTICE, SheetKind.AGENDA) and not self.owner.invitees:
            messages.warn(self, "参会名单是空的，请先添加参会人员。")
            return None
        if self.kind == SheetKind.NOTICE and not self._blanks_accepted(data):
            return None
        if self.kind == SheetKind.NOTICE and not self._deadline_agrees():
            return None
        if self.kind == SheetKind.NOTICE:
            data = self.sheet_input()  # with the body as put right
        self._remember(data)
        if self.kind == SheetKind.NOTICE:
            self.mark_clean()  # what is printed is kept
        return data

    def _blanks_accepted(self, data: SheetInput) -> bool:
        """Empty fields the notice prints as blanks are named first; the user goes back or prints anyway."""
        missing = missing_fields(data)
        if not missing:
            return True
        return messages.confirm(
            self, f"会议通知中以下内容还没有填写：{'、'.join(missing)}。", title="通知内容不完整",
            yes="仍然打印", no="返回填写",
            informative="打印出来这些地方会是空白（或印“另行通知”）。可在会议信息中填写后再打印；"
                        "仍要打印，请点“仍然打印”。")

    def _remember(self, data: SheetInput) -> None:
        """Settings the office keeps (issuer, even-seat rule) and the notice text as edited."""
        if self.kind == SheetKind.SEATING and data.options.seat_even_one_left != self.settings["even_left"]:
            even = data.options.seat_even_one_left
            self.settings["even_left"] = even
            run_command(self.context, self, lambda s: set_setting(s, SEATING_EVEN_ONE_LEFT, even))
        elif self.kind == SheetKind.NOTICE:
            # Decided here, on the GUI thread: the work gets plain values, never this dialog's state.
            issuer, text, meeting_id = data.options.issuer, data.options.notice_text, self.owner.meeting_id
            changed_issuer, changed_text = issuer != self.settings["issuer"], text != self.owner.meeting.notice_text

            def remember(session) -> None:
                if changed_issuer:
                    set_setting(session, PRINT_ISSUER, issuer)
                if changed_text:
                    save_notice_text(session, meeting_id, text)

            if changed_issuer or changed_text:
                run_command(self.context, self, remember)
                self.settings["issuer"] = issuer

    # -- output ---------------------------------------------------------------------------------------------
    def _with_data(self, then) -> None:
        """The sheet's data, then `then(data)`; 参会证 first read the database's 入场码 key (made on first use)."""
        data = self._ready()
        if data is None:
            return
        if self.kind != SheetKind.ENTRY_CARDS:
            then(data)
            return

        def keyed(secret: str) -> None:
            data.options.entry_secret = secret
            then(data)

        if self.context.read_only:  # may not write: the key every editor's opening made (or why there is none)
            run_query(self.context, self, stored_entry_secret, on_done=keyed, label="正在生成入场码…")
        else:
            run_command(self.context, self, entry_secret, on_done=keyed, label="正在生成入场码…")

    def preview(self) -> None:
        self._with_data(lambda data: show_preview(self, self.context, sheet_printable(self.kind), data))

    def print_(self) -> None:
        self._with_data(lambda data: print_directly(self, self.context, sheet_printable(self.kind), data))

    def save_pdf(self) -> None:
        self._with_data(self._save_pdf)

    def _save_pdf(self, data: SheetInput) -> None:
        from ui.files import ask_save_path

        base = pdf_file_name(self.kind, data.meeting).removesuffix(".pdf")
        starts_at = data.meeting.starts_at
        path = ask_save_path(self, self.context, "存为 PDF", base, file_filter=PDF_FILTER, suffix=".pdf",
                             on=starts_at.date() if starts_at else None)
        if path is not None:
            save_to(self, self.context, sheet_printable(self.kind), data, path)

    def save_word(self) -> None:
        from models.exports.notice_docx import export_notice_docx
        from ui.files import ask_save_path, show_saved
        from ui.operations import run_background
        from ui.window_state import read

        data = self._ready()
        if data is None:
            return
        starts_at = data.meeting.starts_at
        base = pdf_file_name(self.kind, data.meeting).removesuffix(".pdf")
        path = ask_save_path(self, self.context, "存为 Word", base, file_filter="Word 文档 (*.docx)", suffix=".docx",
                             on=starts_at.date() if starts_at else None)
        if path is None:
            return
        template = read(self.context.settings, NOTICE_TEMPLATE) or None  # read here: the worker gets a plain path
        run_background(self.context, self, lambda _ctx: export_notice_docx(data, path, template=template),
                       label="正在生成 Word 文档…", on_done=lambda saved: show_saved(self, saved, "会议通知 Word 文档"))
