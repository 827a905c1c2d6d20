"""一人一档 on screen: one member's year, the score worked out line by line, and the one-page sheet."""

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from models.services.performance import FormatInfo
from models.services.performance_detail import MemberDetail
from models.services.performance_scheme import points_text
from ui import documents, status_colours


def _cell(value, colours: dict | None) -> str:
    colour = colours.get(value) if colours else None
    text = escape(str(value))
    return f"<td style='color:{colour}'>{text}</td>" if colour else f"<td>{text}</td>"


def _rows(rows: list[tuple], header: tuple, colours: dict | None = None) -> str:
    """An HTML table; `colours` (value → colour, from ui.status_colours) colours the cells of the last column."""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row[:-1]) + _cell(row[-1], colours)
                   + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>" if rows else "<p class='none'>（无）</p>"


def detail_html(detail: MemberDetail, formats: list[FormatInfo], scheme_lines: list[str],
                reminders: tuple[str, ...] = ()) -> str:
    a, s = detail.activity, detail.score
    names = {f.key: f.name for f in formats}
    info = [("姓名", a.name), ("性别", a.gender), ("界别", a.sector), ("身份", a.role), ("专委会", a.committee),
            ("街镇联络组", a.liaison_group), ("工作单位及职务", a.employer_title),
            ("任职情况", a.service_note or "全年在任")]
    tallies = [(names.get(key, key), t.invited, t.present, t.leave, t.absent) for key, t in a.meetings.items()]
    total = a.total
    if len(tallies) > 1:
        tallies.append(("合计", total.invited, total.present, total.leave, total.absent))
    score_rows = [(line.label, line.count, points_text(line.each), points_text(line.points)) for line in s.lines]
    capped = "" if s.raw == s.total else f"（按办法计 {points_text(s.raw)} 分，最高{points_text(s.total)}分）"
    meetings = [(f"{m.when:%Y-%m-%d}" if m.when else "", m.format_name, m.title, m.result) for m in detail.meetings]
    visits = [(f"{v.when:%Y-%m-%d}", v.kind, v.title, v.role) for v in detail.visits]
    recs = [(r.title, r.source, r.status, r.outcome) for r in detail.recommendations]
    instructions = [(f"{i.when:%Y-%m-%d}" if i.when else "", i.leader, i.on) for i in detail.instructions]
    reminder = "".join(f"<p class='warn'>谈话提醒：{escape(text)}</p>" for text in reminders)
    return f"""
<style>
  h2 {{ margin: 0 0 6px 0; }} h3 {{ margin: 14px 0 4px 0; color: #1D2F47; }}
  table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #c8ced6; padding: 3px 8px; }}
  th {{ background: #eef2f7; }} .none {{ color: #777; }} .warn {{ color: {status_colours.BAD}; font-weight: bold; }}
  .score {{ font-size: 16px; font-weight: bold; }} .scheme {{ color: #555; }}
</style>
<h2>{escape(a.name)} — {detail.year}年度履职档案</h2>
<table>{"".join(f"<tr><th>{k}</th><td>{escape(v or '')}</td></tr>" for k, v in info)}</table>
<h3>出席会议</h3>{_rows(tallies, ("会议形式", "应邀", "出席", "请假", "缺席"))}
<h3>其他履职</h3>
{_rows([(a.visits, a.recommendations, a.adopted, a.bulletins, a.instructions)],
       ("调研视察", "提出意见建议", "其中被采纳", "编入专报", "获领导批示"))}
<h3>履职积分</h3>{_rows(score_rows, ("项目", "次数", "每次分值", "得分"))}
<p class='score'>总分：{escape(s.text)} 分　等次：{escape(s.band)}{escape(capped)}</p>{reminder}
<h3>参加的会议</h3>{_rows(meetings, ("日期", "形式", "会议", "出席情况"), status_colours.ATTENDANCE_RESULT)}
<h3>参加的调研</h3>{_rows(visits, ("日期", "形式", "调研", "角色"))}
<h3>提出的意见建议</h3>{_rows(recs, ("标题", "来源", "状态", "办理结果"))}
<h3>编入专报</h3>{_rows([(b,) for b in detail.bulletins], ("专报",))}
<h3>领导批示</h3>{_rows(instructions, ("日期", "批示领导", "批示对象"))}
<h3>积分办法</h3><p class='scheme'>{"<br>".join(escape(line) for line in scheme_lines)}</p>
"""


class MemberRecordDialog(QDialog):
    """`page` (the statistics page) supplies the formats, the scheme's words and the printable sheet."""

    def __init__(self, page, detail: MemberDetail, reminders: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.page, self.detail = page, detail
        self.setWindowTitle(f"一人一档 — {detail.activity.name}（{detail.year}年度）")
        self.view = QTextBrowser()
        self.view.setHtml(detail_html(detail, page.formats, page.scheme_lines(), reminders))
        sheet = page.record_printable(f"{detail.activity.name}履职档案", details=[detail])
        context = page.context
        buttons = QHBoxLayout()
        for text, action in (("预览…", lambda: documents.preview(self, context, sheet)),
                             ("打印…", lambda: documents.print_now(self, context, sheet)),
                             ("存为 PDF…", lambda: documents.save_pdf(self, context, sheet))):
            button = QPushButton(text)
            button.clicked.connect(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(820, 760)


__all__ = ["MemberRecordDialog", "detail_html"]
