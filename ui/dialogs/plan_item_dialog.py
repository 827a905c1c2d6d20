"""年度协商计划条目: topic, format, month, lead committee and 承办单位.

The topics of the year and the lookups are read before the dialog opens (`plan_item_dialog_data`); saving
asks about a topic already in the plan (a read), then saves as a command.
"""

from dataclasses import dataclass

from PySide6.QtWidgets import QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from models.services import lookups
from models.services.lookups import LookupValue
from models.services.plans import PlanItemData, PlanRow, plan_warnings, save_plan_item
from models.services.topic_scores import TopicRow, list_topics
from models.text import quoted
from ui import messages
from ui.dialogs.unsaved import EditDialog
from ui.operations import run_command, run_query
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo, SearchCombo
from ui.widgets.form_error import FormError


@dataclass(frozen=True)
class PlanItemForm:
    topics: list[TopicRow]  # the year's pool, ranked
    formats: list[LookupValue]
    committees: list[LookupValue]


def plan_item_dialog_data(session, year: int) -> PlanItemForm:
    return PlanItemForm(list_topics(session, year), lookups.list_values(session, "meeting_format"),
                        lookups.list_values(session, "committee"))


def topic_label(t: TopicRow) -> str:
    """"1. 议题（8.40，区委审定）": rank, score (or how few reviewers gave it) and where it stands."""
    score = t.score_text or "未评分"
    if t.partly_scored:
        score += f"，{t.reviewers_text}"
    return f"{t.rank or '—'}. {t.title}（{score}，{t.status}）"


class PlanItemDialog(EditDialog):
    def __init__(self, context, year: int, form: PlanItemForm, row: PlanRow | None = None,
                 topic_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.year, self.row = context, year, row
        self.saved_id: int | None = None
        self.setWindowTitle("编辑计划条目" if row else f"新增{year}年度计划条目")
        self.topic = SearchCombo("（暂不关联议题）")
        self.titles = {t.id: t.title for t in form.topics}
        self.topic.set_choices([(topic_label(t), t.id) for t in form.topics])
        self.topic.set_value(row.topic_id if row else topic_id)
        self.format = ChoiceCombo(empty_label=None)
        bimonthly = next((v.id for v in form.formats if v.code == "bimonthly"), None)
        self.format.set_lookup(form.formats, current_id=row.format_id if row else bimonthly)
        self.month = QSpinBox()
        self.month.setRange(0, 12)
        self.month.setSpecialValueText("待定")
        self.month.setSuffix(" 月")
        self.month.setValue((row.planned_month or 0) if row else 0)
        self.committee = ChoiceCombo("（未定）")
        self.committee.set_lookup(form.committees, current_id=row.lead_committee_id if row else None)
        self.undertaker = QLineEdit(row.undertaker if row else "")
        self.undertaker.setPlaceholderText("如：区卫生健康委员会")
        self.notes = QLineEdit(row.notes if row else "")
        self.error = FormError()
        layout_form = QFormLayout()
        # every field is a choice or free text: a refusal (rare) is said in the line under all of them
        for label, widget in (("协商议题：", self.topic), ("协商形式：", self.format), ("计划时间：", self.month),
                              ("牵头专委会：", self.committee), ("承办单位：", self.undertaker),
                              ("备注：", self.notes)):
            layout_form.addRow(label, widget)
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]  # accept role first
        layout = QVBoxLayout(self)
        layout.addLayout(layout_form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
        self.offer_history("plan_item", row.id if row else None)
        self.track_edits(save=self.save)

    def collected(self) -> PlanItemData:
        r = self.row
        return PlanItemData(year=self.year, format_id=self.format.value(), topic_id=self.topic.value(),
                            planned_month=self.month.value() or None, lead_committee_id=self.committee.value(),
                            undertaker=self.undertaker.text(), notes=self.notes.text(),
                            id=r.id if r else None, version=r.version if r else None)

    def save(self) -> None:
        data = self.collected()
        self.error.clear()
        self.save_button.setEnabled(False)
        run_query(self.context, self, lambda s: plan_warnings(s, data), on_done=lambda w: self._save(data, w),
                  on_error=self._failed)

    def _save(self, data: PlanItemData, warnings: list[str]) -> None:
        if warnings and not messages.confirm(self, "\n\n".join(warnings), yes="仍然安排"):
            self.save_button.setEnabled(True)
            return
        run_command(self.context, self, lambda s: save_plan_item(s, data), on_done=self._saved,
                    form=self.error.show_error, on_error=self._failed, title="无法保存")

    def _saved(self, item_id: int) -> None:
        self.saved_id = item_id
        title = self.titles.get(self.topic.value())
        messages.saved(self, f"已保存计划条目{quoted(title)}。" if title else "已保存计划条目。")
        self.accept()

    def _failed(self, _exc) -> None:
        self.save_button.setEnabled(True)  # the policy tells what went wrong
