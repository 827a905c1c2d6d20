"""Printed meeting sheets (签到表, 桌签, 座次表, 会议通知, 参会名单, 议程) and the 议题遴选表 and
年度协商计划 (topic_documents.py), painted with QPainter.

QtGui only: usable on a worker thread and without windows. Typical use::

    data = SheetInput(meeting, invitees, agenda, SheetOptions(group_by="界别"))
    pages = render_pdf(SheetKind.SIGN_IN, data, path)   # or render(kind, data, printer)
    pages = render_bulletin_pdf(get_bulletin(session, bulletin_id), path)   # 《政协建言》 (bulletin.py)
"""

from models.seat_layouts import seat_positions

from .bulletin import bulletin_layout, render_bulletin, render_bulletin_pdf
from .notice_text import default_notice_text
from .output import page_layout, render, render_pdf
from .sheet_input import SheetInput, SheetKind, SheetOptions, pdf_file_name, sheet_title
from .topic_documents import (
    plan_layout,
    plan_title,
    render_plan,
    render_plan_pdf,
    render_topic_selection,
    render_topic_selection_pdf,
    selection_means,
    selection_title,
    topic_selection_layout,
)

__all__ = ["SheetInput", "SheetKind", "SheetOptions", "bulletin_layout", "default_notice_text", "page_layout",
           "pdf_file_name", "plan_layout", "plan_title", "render", "render_bulletin", "render_bulletin_pdf",
           "render_pdf", "render_plan", "render_plan_pdf", "render_topic_selection", "render_topic_selection_pdf",
           "seat_positions", "selection_means", "selection_title", "sheet_title", "topic_selection_layout"]
