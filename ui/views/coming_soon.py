"""A page whose screen is still being built: says plainly what will come, and shows what the data holds."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from models.services.overview import DatabaseSummary, database_summary
from ui.context import AppContext


class ComingSoonPage(QWidget):
    def __init__(self, context: AppContext, title: str, lead: str, features: list[str],
                 summary: Callable[[DatabaseSummary], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self._summary = context, summary
        self.setObjectName("comingSoonPage")

        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        badge = QLabel("即将推出")
        badge.setObjectName("badge")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFixedWidth(72)
        lead_label = QLabel(lead)
        lead_label.setObjectName("pageLead")
        lead_label.setWordWrap(True)
        notice = QLabel("本页面正在开发中，将在后续版本中提供以下功能：")
        notice.setObjectName("notice")
        items = QLabel("".join(f"<p style='margin:4px 0'>• {text}</p>" for text in features))
        items.setWordWrap(True)
        items.setTextFormat(Qt.TextFormat.RichText)

        frame = QFrame()
        frame.setObjectName("summaryFrame")
        frame_layout = QVBoxLayout(frame)
        frame_title = QLabel("当前数据")
        frame_title.setObjectName("summaryTitle")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryText")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout.addWidget(frame_title)
        frame_layout.addWidget(self.summary_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(badge)
        layout.addWidget(lead_label)
        layout.addSpacing(6)
        layout.addWidget(notice)
        layout.addWidget(items)
        layout.addSpacing(6)
        layout.addWidget(frame)
        layout.addStretch(1)

        context.database_changed.connect(self.refresh)
        context.data_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        summary = self.context.call(database_summary)
        self.summary_label.setText(self._summary(summary))
