"""年度协商计划条目: topic, format, month, lead committee and 承办单位."""

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from models.errors import DomainError, ValidationError
from models.services import lookups
from models.services.plans import PlanItemData, PlanRow, plan_warnings, save_plan_item
from models.services.topic_scores import list_topics
from ui import messages
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo


class PlanItemDialog(QDialog):
    def __init__(self, context, year: int, row: PlanRow | None = None, topic_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.year, self.row = context, year, row
        self.saved_id: int | None = None
        self.setWindowTitle("编辑计划条目" if row else f"新增{year}年度计划条目")
        topics = context.call(list_topics, year)
        self.topic = ChoiceCombo("（暂不关联议题）")
        self.topic.set_choices([(f"{t.rank or '—'}. {t.title}（{t.score_text or '未评分'}）", t.id) for t in topics])
        self.topic.set_value(row.topic_id if row else topic_id)
        formats = context.call(lookups.list_values, "meeting_format")
        self.format = ChoiceCombo(empty_label=None)
        bimonthly = next((v.id for v in formats if v.code == "bimonthly"), None)
        self.format.set_lookup(formats, current_id=row.format_id if row else bimonthly)
        self.month = QSpinBox()
        self.month.setRange(0, 12)
        self.month.setSpecialValueText("待定")
        self.month.setSuffix(" 月")
        self.month.setValue((row.planned_month or 0) if row else 0)
        self.committee = ChoiceCombo("（未定）")
        self.committee.set_lookup(context.call(lookups.list_values, "committee"),
                                  current_id=row.lead_committee_id if row else None)
        self.undertaker = QLineEdit(row.undertaker if row else "")
        self.undertaker.setPlaceholderText("如：区卫生健康委员会")
        self.notes = QLineEdit(row.notes if row else "")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        form = QFormLayout()
        for label, widget in (("协商议题：", self.topic), ("协商形式：", self.format), ("计划时间：", self.month),
                              ("牵头专委会：", self.committee), ("承办单位：", self.undertaker),
                              ("备注：", self.notes)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.save, ok="保存"))
        self.resize(620, self.sizeHint().height())

    def collected(self) -> PlanItemData:
        r = self.row
        return PlanItemData(year=self.year, format_id=self.format.value(), topic_id=self.topic.value(),
                            planned_month=self.month.value() or None, lead_committee_id=self.committee.value(),
                            undertaker=self.undertaker.text(), notes=self.notes.text(),
                            id=r.id if r else None, version=r.version if r else None)

    def save(self) -> None:
        data = self.collected()
        warnings = self.context.call(plan_warnings, data)
        if warnings and not messages.confirm(self, warnings[0], yes="仍然安排"):
            return
        try:
            self.saved_id = self.context.call(save_plan_item, data)
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.setVisible(True)
            return
        except DomainError as exc:
            messages.warn(self, exc.message, title="无法保存")
            return
        self.accept()
