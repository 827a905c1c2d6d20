"""Room layouts for the 座次 (seat plan): where each seat is and which number it has. Pure, no Qt.

A layout is a few counts (LayoutSpec); build_layout turns them into seats with positions in seat units,
drawn as seen from the audience (or from the foot of the table): y grows downwards, the 主席台 or the
head of the table at the top. Seat 1 is the most honoured seat; numbers run on without gaps, so a
number typed at the door names one seat.

The numbering is 左为上: next to seat 1 the next seat is at its left hand. Rows facing the audience
(the 主席台, the head side) use seats.seat_positions with the office's odd/even rule; rows facing the
other way (台下, the foot of the table) are the mirror image, because their left hand is the viewer's left.
Along the long sides of a table the seats nearest the head come first, the side at the head's left hand
(the viewer's right) before the other. At a round table seat 1 faces the entrance (drawn at the top) and
the others follow alternately at its left and right.
"""

from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from math import ceil, cos, pi, sin
from operator import itemgetter
from typing import NamedTuple

from models.errors import FieldErrors, ValidationError


def seat_positions(count: int, even_one_left: bool = True) -> list[int]:
    """Seat numbers in left-to-right order as seen from the audience."""
    if count <= 0:
        return []
    odds = list(range(1, count + 1, 2))
    evens = list(range(2, count + 1, 2))
    if count % 2 or even_one_left:
        return odds[::-1] + evens
    return evens[::-1] + odds


MAX_COUNT = 400  # seats along one side, rows, tables …
MAX_SEATS = 2000
MAX_PER_TABLE = 24


class LayoutKind(StrEnum):
    PLATFORM = "主席台+台下排"
    HOLLOW = "回字形"
    U_SHAPE = "U形"
    ROUND = "圆桌"


@dataclass(frozen=True)
class LayoutSpec:
    kind: LayoutKind
    head: int = 0  # PLATFORM: seats on the 主席台; HOLLOW/U: seats on the head side (上首)
    sides: int = 0  # HOLLOW/U: seats on each long side
    foot: int = 0  # HOLLOW: seats on the side facing the head (下首)
    rows: int = 0  # PLATFORM: audience rows
    per_row: int = 0  # PLATFORM: seats per audience row
    tables: int = 0  # ROUND
    per_table: int = 0  # ROUND
    even_one_left: bool = True  # with an even count in a row, seat 1 is the left one of the centre pair

    @property
    def capacity(self) -> int:
        if self.kind == LayoutKind.PLATFORM:
            return self.head + self.rows * self.per_row
        if self.kind == LayoutKind.HOLLOW:
            return self.head + 2 * self.sides + self.foot
        if self.kind == LayoutKind.U_SHAPE:
            return self.head + 2 * self.sides
        return self.tables * self.per_table

    def check(self) -> None:
        """Raise a ValidationError naming every count that cannot make a room."""
        errors = FieldErrors()
        used = USED_FIELDS[self.kind]
        for name in used:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
                errors.add(f"“{FIELD_LABELS[name]}”应为 0 到 {MAX_COUNT} 之间的整数。", name)
        errors.raise_if_any()
        if self.kind == LayoutKind.ROUND:
            if self.tables < 1:
                errors.add("圆桌布局至少要有 1 张桌子。", "tables")
            if not 2 <= self.per_table <= MAX_PER_TABLE:
                errors.add(f"每桌座位数应为 2 到 {MAX_PER_TABLE} 之间。", "per_table")
        elif self.kind != LayoutKind.PLATFORM and self.head < 1:
            errors.add("上首（主位一侧）至少要有 1 个座位。", "head")
        errors.raise_if_any()
        if self.capacity < 1:
            raise ValidationError("座次图至少要有 1 个座位。", "head")
        if self.capacity > MAX_SEATS:
            raise ValidationError(f"座位共 {self.capacity} 个，超过上限 {MAX_SEATS} 个，请减少排数或座位数。", "head")

    def to_dict(self) -> dict:
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "LayoutSpec":
        """A spec from stored JSON; a ValidationError (in Chinese) for anything that is not one."""
        if not isinstance(data, dict):
            raise ValidationError("座次图布局的数据无法识别。")
        try:
            kind = LayoutKind(data.get("kind"))
        except ValueError:
            raise ValidationError(f"未知的座次图样式“{data.get('kind')}”。", "kind") from None
        known = {f.name for f in fields(cls)} - {"kind"}
        spec = cls(kind, **{k: v for k, v in data.items() if k in known})
        if not isinstance(spec.even_one_left, bool):
            raise ValidationError("座次图布局的单双号规则无法识别。", "even_one_left")
        spec.check()
        return spec

    def with_rule(self, even_one_left: bool) -> "LayoutSpec":
        return replace(self, even_one_left=even_one_left)


USED_FIELDS = {LayoutKind.PLATFORM: ("head", "rows", "per_row"), LayoutKind.HOLLOW: ("head", "sides", "foot"),
               LayoutKind.U_SHAPE: ("head", "sides"), LayoutKind.ROUND: ("tables", "per_table")}
FIELD_LABELS = {"head": "主席台/上首座位数", "sides": "每侧座位数", "foot": "下首座位数", "rows": "台下排数",
                "per_row": "每排座位数", "tables": "桌数", "per_table": "每桌座位数"}


def describe(spec: LayoutSpec) -> str:
    """One line for a combo or a sheet: 回字形：上首 10 座，两侧各 20 座，下首 10 座，共 60 座."""
    if spec.kind == LayoutKind.PLATFORM:
        parts = [f"主席台 {spec.head} 座", f"台下 {spec.rows} 排×{spec.per_row} 座"]
    elif spec.kind == LayoutKind.ROUND:
        parts = [f"{spec.tables} 桌，每桌 {spec.per_table} 座"]
    else:
        parts = [f"上首 {spec.head} 座", f"两侧各 {spec.sides} 座"]
        if spec.kind == LayoutKind.HOLLOW and spec.foot:
            parts.append(f"下首 {spec.foot} 座")
    return f"{spec.kind.value}：{'，'.join(parts)}，共 {spec.capacity} 座"


class Seat(NamedTuple):
    """A named tuple, not a frozen dataclass: a 400-seat room builds four times faster (seat_plan_400)."""

    number: int  # 1 = most honoured
    zone: str  # 主席台, 台下第2排, 上首, 左侧, 右侧, 下首, 第1桌（主桌） …
    x: float  # centre, seat units, as seen from the audience / the foot of the table
    y: float
    facing: str  # down, up, left, right (towards the viewer's …), or "in" (round tables)
    table: int = 0  # round tables: 1 = 主桌
    head: bool = False  # on the 主席台 or the head side


_new_seat = tuple.__new__
_number = itemgetter(0)


@dataclass(frozen=True)
class TableShape:
    round: bool
    x: float  # top left, seat units
    y: float
    w: float
    h: float
    label: str


@dataclass(frozen=True)
class RoomLayout:
    spec: LayoutSpec
    seats: tuple[Seat, ...]  # by number
    tables: tuple[TableShape, ...]
    width: float
    height: float
    marks: tuple[tuple[str, float, float], ...]  # (text, centre x, centre y)

    def seat(self, number: int) -> Seat:
        return self.seats[number - 1]

    @property
    def numbers(self) -> range:
        return range(1, len(self.seats) + 1)


def _row(count: int, one_left: bool, facing_viewer: bool) -> list[int]:
    """Offsets 1…count (1 = most honoured in the row) in left-to-right order as the viewer sees them."""
    order = seat_positions(count, one_left)
    return order if facing_viewer else order[::-1]


def _place_row(seats: list, first: int, count: int, y: float, left: float, width: float, *, zone: str,
               facing: str, one_left: bool, head: bool = False) -> None:
    x0, base = left + (width - count) / 2 + 0.5, first - 1
    # tuple.__new__ with every field: the named tuple's own __new__ is a Python call per seat (a 400-seat
    # room, seat_plan_400, spends a third of its time there)
    seats.extend([_new_seat(Seat, (base + offset, zone, x0 + index, y, facing, 0, head))
                  for index, offset in enumerate(_row(count, one_left, facing == "down"))])


ROW_STEP = 1.25  # audience rows are further apart than seats along a table


def _platform(spec: LayoutSpec) -> RoomLayout:
    width = max(spec.head, spec.per_row, 3) + 2
    seats: list[Seat] = []
    _place_row(seats, 1, spec.head, 0.5, 0, width, zone="主席台", facing="down", one_left=spec.even_one_left,
               head=True)
    table_w = max(spec.head, 3) + 0.6
    tables = [TableShape(False, (width - table_w) / 2, 1.05, table_w, 0.7, "主席台")]
    top = 3.0
    for row in range(spec.rows):
        _place_row(seats, spec.head + row * spec.per_row + 1, spec.per_row, top + row * ROW_STEP + 0.5, 0, width,
                   zone=f"台下第{row + 1}排", facing="up", one_left=spec.even_one_left)
    height = top + spec.rows * ROW_STEP + (1.0 if spec.rows else 0.0)
    marks = [("观众席", width / 2, height - 0.3)] if spec.rows else [("观众席", width / 2, height + 0.2)]
    if not spec.rows:
        height += 0.6
    return RoomLayout(spec, _by_number(seats), tuple(tables), width, height, tuple(marks))


def _table_with_sides(spec: LayoutSpec, *, foot: int) -> RoomLayout:
    inner_w = max(spec.head, foot, 2)
    inner_h = max(spec.sides, 1)
    left, top = 1.0, 1.0
    seats: list[Seat] = []
    _place_row(seats, 1, spec.head, 0.5, left, inner_w, zone="上首", facing="down", one_left=spec.even_one_left,
               head=True)
    number = spec.head + 1
    for depth in range(spec.sides):  # nearest the head first; the head's left hand (viewer's right) first
        y = top + depth + 0.5
        seats.append(Seat(number, "右侧", left + inner_w + 0.5, y, "left"))
        seats.append(Seat(number + 1, "左侧", 0.5, y, "right"))
        number += 2
    if foot:
        _place_row(seats, number, foot, top + inner_h + 0.5, left, inner_w, zone="下首", facing="up",
                   one_left=spec.even_one_left)
    if spec.kind == LayoutKind.U_SHAPE:
        bar = 0.7
        tables = (TableShape(False, left, top, inner_w, bar, "会议桌"),
                  TableShape(False, left, top + bar, bar, inner_h - bar, ""),
                  TableShape(False, left + inner_w - bar, top + bar, bar, inner_h - bar, ""))
    else:
        tables = (TableShape(False, left + 0.05, top + 0.05, inner_w - 0.1, inner_h - 0.1, "会议桌"),)
    height = top + inner_h + (1.0 if foot else 0.3)
    return RoomLayout(spec, _by_number(seats), tables, inner_w + 2, height, ())


def _round_tables(spec: LayoutSpec) -> RoomLayout:
    k = spec.per_table
    table_r = max(0.7, k / (2 * pi) * 1.05)  # seats about one unit apart around the edge
    seat_r = table_r + 0.55
    cell = 2 * (seat_r + 0.5) + 0.4
    # 主桌 alone in front, the others in rows of up to three, each row numbered from its centre out
    rows = [[1]] + [list(range(start, min(start + 3, spec.tables + 1))) for start in range(2, spec.tables + 1, 3)]
    columns = max(len(r) for r in rows)
    width = columns * cell
    seats: list[Seat] = []
    tables: list[TableShape] = []
    step = 2 * pi / k
    for row_index, row in enumerate(rows):
        x0 = (width - len(row) * cell) / 2
        order = seat_positions(len(row), spec.even_one_left)  # table numbers left to right, by honour
        for position, offset in enumerate(order):
            table = row[0] + offset - 1
            cx, cy = x0 + (position + 0.5) * cell, (row_index + 0.5) * cell
            label = "第1桌（主桌）" if table == 1 else f"第{table}桌"
            tables.append(TableShape(True, cx - table_r, cy - table_r, 2 * table_r, 2 * table_r, label))
            first = (table - 1) * k + 1
            for index in range(k):  # 0 at the top, then alternately its left hand (viewer's right) and right
                turn = (index + 1) // 2 * (1 if index % 2 else -1)
                angle = -pi / 2 + turn * step
                seats.append(Seat(first + index, label, cx + seat_r * cos(angle), cy + seat_r * sin(angle), "in",
                                  table=table, head=table == 1 and index == 0))
    height = len(rows) * cell + 0.6
    return RoomLayout(spec, _by_number(seats), tuple(tables), width, height, (("入口", width / 2, height - 0.3),))


def _by_number(seats: list[Seat]) -> tuple[Seat, ...]:
    ordered = tuple(sorted(seats, key=_number))
    assert list(map(_number, ordered)) == list(range(1, len(ordered) + 1)), "seat numbers must run 1…N"
    return ordered


def build_layout(spec: LayoutSpec) -> RoomLayout:
    spec.check()
    if spec.kind == LayoutKind.PLATFORM:
        return _platform(spec)
    if spec.kind == LayoutKind.ROUND:
        return _round_tables(spec)
    return _table_with_sides(spec, foot=spec.foot if spec.kind == LayoutKind.HOLLOW else 0)


DEFAULT_LAYOUTS: tuple[tuple[str, LayoutSpec], ...] = (
    ("回字形会议桌（60座）", LayoutSpec(LayoutKind.HOLLOW, head=10, sides=20, foot=10)),
    ("主席台+台下6排", LayoutSpec(LayoutKind.PLATFORM, head=9, rows=6, per_row=12)),
    ("U形会议桌（31座）", LayoutSpec(LayoutKind.U_SHAPE, head=7, sides=12)),
    ("圆桌沙龙（4桌×10座）", LayoutSpec(LayoutKind.ROUND, tables=4, per_table=10)),
)


def rows_needed(count: int, per_row: int) -> int:
    """Audience rows that seat `count` people at `per_row` a row (for a first suggestion)."""
    return ceil(count / per_row) if per_row > 0 else 0
