"""催报名单: the invitees who have not replied, with unit and phone and room to note each call
("已电话，周三前回复"). The sheet picks them from the list itself, so any list prints the right people."""

from models.clock import today
from models.services.chase_list import awaiting_reply, awaiting_summary, phones

from . import common
from .column_sizes import Size
from .layout import A4, Document, Flow
from .sheet_input import SheetInput, SheetKind, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle

ROW_MM = 10.0  # room to write a word beside each name
COLUMNS = (
    Column("序号", 12, CENTER, size=Size.CONTENT, widest=12),
    Column("姓名", 26, CENTER, shrink_to=10.5),
    Column("单位及职务", 70, points=10.5, size=Size.FILL, words=True),
    Column("联系电话", 30, CENTER, points=10.5, size=Size.CONTENT, widest=30, least=24),
    Column("回复状态", 22, CENTER, points=10.5),  # the header on one line
    Column("催报情况", 34),  # written by hand while phoning
)
STYLE = TableStyle(min_row=ROW_MM, header_row=9.0)


def rows(data: SheetInput) -> list[Row]:
    waiting = awaiting_reply(data.invitees)
    if not waiting:  # printed all the same: a sheet saying so beats a refusal on the day replies are done
        return [Row(heading="全部人员均已回执，无需催报。")]
    return [Row(cells=(str(number), common.spread_name(person.name), person.employer_title, phones(person),
                       person.invite_status, ""))
            for number, person in enumerate(waiting, start=1)]


def layout(data: SheetInput) -> Document:
    flow = Flow(A4)
    common.title(flow, sheet_title(SheetKind.CHASE, data.meeting))
    common.info(flow, common.time_place(data.meeting), after=1.0)
    day = today()  # the list changes with every reply: say when it was taken
    as_of = f"{day.year}年{day.month}月{day.day}日"
    common.info(flow, f"应邀 {len(data.invitees)} 人，{awaiting_summary(data.invitees)}（截至 {as_of}）")
    Table(COLUMNS, STYLE).place(flow, rows(data))
    return flow.document
