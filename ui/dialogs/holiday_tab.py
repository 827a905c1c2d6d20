"""参数设置 → 节假日: the office's 休/班 dates for the years chinesecalendar does not cover yet, and how many
working days before a meeting its notice goes out and its 回执 are due. Every change is saved as it is made."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.changes import Area, Changes
from models.clock import today
from models.errors import ValidationError
from models.services.holidays import (
    MAX_LEAD_DAYS,
    WorkingDaySettings,
    add_holiday,
    check_leads,
    remove_holidays,
    set_leads,
    working_day_settings,
)
from models.services.meeting_queries import chinese_date
from models.working_days import OFF, ON, HolidayEntry, check_entry, package_last_year
from ui import messages
from ui.context import AppContext
from ui.operations import run_command, run_query
from ui.watch import AreaWatch
from ui.widgets.combos import ChoiceCombo
from ui.widgets.date_edit import DateEdit

NOTE_LIMIT = 20


def entry_text(entry: HolidayEntry) -> str:
    kind = "休（放假）" if entry.kind == OFF else "班（调休上班）"
    return f"{chinese_date(entry.day, with_time=False)}　{kind}" + (f"　{entry.note}" if entry.note else "")


class HolidayTab(QWidget):
    def __init__(self, context: AppContext, data: WorkingDaySettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.data = context, data
        last = package_last_year()
        covered = (f"{last}年及以前的节假日和调休按 chinesecalendar 节假日数据计算，无需填写；" if last
                   else "未安装 chinesecalendar，所有年份都按本表计算；")
        hint = QLabel(covered + "之后的年份，请按国务院办公厅公布的放假安排在此填写：放假的工作日填“休”，"
                      "调休上班的周六、周日填“班”。会议通知的回执截止日期和最迟发文日期按工作日计算；"
                      "某年既不在 chinesecalendar 数据范围内、本表也没有记录时，只扣除周末，打印通知时会提示。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.day = DateEdit(today())
        self.kind = ChoiceCombo(empty_label=None)
        self.kind.set_choices([("休（放假）", OFF), ("班（调休上班）", ON)])
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText("说明，如“春节”（可不填）")
        self.add_button = QPushButton("添加")
        self.remove_button = QPushButton("删除选中")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        adding = QHBoxLayout()
        for widget in (QLabel("日期："), self.day, self.kind):
            adding.addWidget(widget)
        adding.addWidget(self.note, 1)
        adding.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)

        self.notice_lead = QSpinBox()
        self.reply_lead = QSpinBox()
        for box in (self.notice_lead, self.reply_lead):
            box.setRange(0, MAX_LEAD_DAYS)
            box.setSuffix(" 个工作日")
            box.editingFinished.connect(self.save_leads)
        leads = QHBoxLayout()
        for text, box in (("会议通知最迟于会前", self.notice_lead), ("发出；回执截止于会前", self.reply_lead)):
            leads.addWidget(QLabel(text))
            leads.addWidget(box)
        leads.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(leads)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self._show(data)
        self.watch = AreaWatch(self, context, {Area.SETTINGS}, self.reload)

    def reload(self, _changes: Changes | None = None) -> None:
        run_query(self.context, self, working_day_settings, on_done=self._show, key=(id(self), "holidays"),
                  label="正在读取节假日表…")

    def _show(self, data: WorkingDaySettings) -> None:
        self.data = data
        self.list.clear()
        for entry in data.table:
            item = QListWidgetItem(entry_text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.day)
            self.list.addItem(item)
        if not data.table:
            self.list.addItem(QListWidgetItem("（尚无记录）"))
        for box, value in ((self.notice_lead, data.notice_lead), (self.reply_lead, data.reply_lead)):
            if not box.hasFocus():
                box.setValue(value)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(any(item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()))

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def add(self) -> None:
        day = self.day.value()
        if day is None:
            self._say("请先填写日期。")
            return
        entry = HolidayEntry(day, self.kind.value(), self.note.text().strip()[:NOTE_LIMIT])
        try:
            check_entry(entry, self.data.table)  # said at once, under the form; the save checks again
        except ValidationError as exc:
            self._say(exc.message)
            return
        self._say("")
        run_command(self.context, self, lambda s: add_holiday(s, entry),
                    on_done=lambda _result: self.note.clear())

    def remove(self) -> None:
        days = [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
        days = [day for day in days if day]
        if not days:
            return
        names = "、".join(chinese_date(day, with_time=False) for day in days[:5]) + ("等" if len(days) > 5 else "")
        if messages.confirm(self, f"确定从节假日表中删除{names}共 {len(days)} 条吗？", yes="删除", danger=True):
            run_command(self.context, self, lambda s: remove_holidays(s, days))

    def save_leads(self) -> None:
        notice, reply = self.notice_lead.value(), self.reply_lead.value()
        if (notice, reply) == (self.data.notice_lead, self.data.reply_lead):
            return
        try:
            check_leads(notice, reply)
        except ValidationError as exc:
            self._say(exc.message)
            return
        self._say("")
        run_command(self.context, self, lambda s: set_leads(s, notice, reply),
                    on_done=lambda _result: messages.saved(self, "工作日设置已保存。"))
