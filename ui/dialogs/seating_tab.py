"""参数设置 → 座次: how 自动排座 orders people of one kind (SEAT_ORDER: 笔画 or 界别) and which of the two
centre seats of an even row is seat 1 (SEATING_EVEN_ONE_LEFT, also offered when printing the 座次表).
Saved as chosen, like the other tabs."""

from dataclasses import dataclass

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from models.services.app_settings import get_setting, set_setting
from models.services.seat_plans import set_seat_order
from models.settings import SEAT_ORDER, SEATING_EVEN_ONE_LEFT
from ui.context import AppContext
from ui.operations import run_command
from ui.widgets.combos import ChoiceCombo

ORDER_CHOICES = [("按姓氏笔画", "笔画"), ("先按界别（“界别”标签中的顺序），再按姓氏笔画", "界别")]
EVEN_CHOICES = [("1 号在中间两座的左侧（面向主席台看）", True), ("1 号在中间两座的右侧（面向主席台看）", False)]


@dataclass(frozen=True)
class SeatingSettings:
    order: str
    even_one_left: bool


def seating_settings(session) -> SeatingSettings:
    return SeatingSettings(get_setting(session, SEAT_ORDER), bool(get_setting(session, SEATING_EVEN_ONE_LEFT)))


class SeatingTab(QWidget):
    def __init__(self, context: AppContext, settings: SeatingSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.order = ChoiceCombo(empty_label=None)
        self.order.set_choices(ORDER_CHOICES)
        self.order.set_value(settings.order)
        self.even_left = ChoiceCombo(empty_label=None)
        self.even_left.set_choices(EVEN_CHOICES)
        self.even_left.set_value(settings.even_one_left)
        self.saved = QLabel()
        self.saved.setObjectName("hint")
        hint = QLabel("自动排座先按参会角色（主持、领导和特邀按“排序”、发言、出席、列席）和身份（主席、副主席、"
                      "秘书长、常委、委员）排定先后，同一类人再按这里的顺序。一排座位为双数时 1 号在哪一侧，"
                      "对所有座次模板和打印的座次表都适用；已保存的座次不会因此移动，重新自动排座时才按新的规则。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("同类人员的座次顺序：", self.order)
        form.addRow("一排座位为双数时：", self.even_left)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.saved)
        layout.addStretch(1)
        self.order.activated.connect(self._save_order)
        self.even_left.activated.connect(self._save_even_rule)

    def _save_order(self, _index: int) -> None:
        order = self.order.value()
        self._save(lambda s: set_seat_order(s, order))

    def _save_even_rule(self, _index: int) -> None:
        even_one_left = bool(self.even_left.value())
        self._save(lambda s: set_setting(s, SEATING_EVEN_ONE_LEFT, even_one_left))

    def _save(self, change) -> None:
        self.saved.setText("")
        run_command(self.context, self, change, on_done=lambda _r: self.saved.setText("已保存。"))
