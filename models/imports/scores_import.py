"""议题评分 from Excel: a 评分表 a reviewer filled in on paper or in Excel (models/exports/topics_xlsx.py),
or any sheet with topic titles and one column per criterion, analysed into a preview that writes
nothing, then applied on confirmation as that reviewer's scores.

Each data row gets one outcome — 更新, 跳过 or 错误 — with its Excel row number and a reason. A row is
matched by 议题编号 when the sheet has it (it must be a topic of the year), else by title among the
year's topics. An empty score cell leaves the reviewer's score for that criterion as it is.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from sqlmodel import Session, select

from models.changes import Area, writes
from models.columns import Column
from models.errors import DomainError, FieldErrors, ValidationError
from models.exports.topics_xlsx import COMMENT_HEADER, TITLE_HEADER, TOPIC_ID_HEADER
from models.imports.formula_cells import formula_message
from models.imports.preview_columns import preview_columns
from models.imports.record_ids import parse_record_id
from models.imports.report import ImportReport, Progress, report_of, row_reason, rows_to_write, short
from models.imports.xlsx_reader import (
    ERROR,
    SKIPPED,
    UPDATED,
    SheetTable,
    WorkbookError,
    cell_text,
    find_table,
    missing_column,
    normalize_header,
    open_workbook,
    outcome_counts,
    sheet_names,
)
from models.services.topic_scores import (
    Criterion,
    ScoreEntry,
    check_score,
    criteria,
    reviewer_scores,
    save_scores,
)
from models.tables import Topic
from models.text import clean_line

UNCHANGED = "无变化"
NOT_SCORED = "未评分"
COMMENT_ONLY = "未评分（意见须与评分一同填写，本行意见未导入）"
NOT_A_TOPIC = "不是议题行，已忽略"
HEADER_REPEAT = "重复的表头行，已忽略"
NEED_REVIEWER = "请在表中“评分人”处填写姓名，或在导入时选择评分人。"
# "评分人：", "评 分 人" or "评分人 张三", but not "评分人员…"
_REVIEWER_LABEL = re.compile(r"^[\s\u3000]*评[\s\u3000]*分[\s\u3000]*人[\s\u3000]*(?:[:：]|(?<=[\s\u3000])|$)")
COMMENT_MAX = 500  # as TopicScore.comment

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": (TOPIC_ID_HEADER, "议题编号", "编号"),
    "title": (TITLE_HEADER, "议题", "协商议题", "议题题目"),
    "comment": (COMMENT_HEADER, "评分意见", "意见建议", "备注"),
    # Recognised only so they help find the header row; never imported.
    "seq": ("序号", "排名"),
    "source": ("来源", "议题来源"),
    "proposer": ("提出者", "提出单位", "提出人"),
}
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_FIXED_HEADERS = {normalize_header(alias) for names in FIELD_ALIASES.values() for alias in names}
_TITLE_HEADERS = {normalize_header(alias) for alias in FIELD_ALIASES["title"]}


@dataclass
class ScoreRow:
    row_no: int  # Excel row number
    outcome: str  # 更新 | 跳过 | 错误
    reason: str
    title: str = ""
    topic_id: int | None = None
    entries: list[ScoreEntry] = field(default_factory=list)  # what apply saves (更新 rows)


@dataclass
class ScorePreview:
    columns: ClassVar[tuple[Column, ...]] = preview_columns("title", "议题名称")  # the preview's table
    path: Path
    sheet: str
    sheets: list[str]
    year: int
    reviewer: str
    rows: list[ScoreRow]
    sheet_reviewer: str = ""  # the name written in the sheet, to warn when another one was chosen
    criteria: list[Criterion] = field(default_factory=list)
    header_row: int = 0
    headers: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return outcome_counts(self.rows)


def title_key(value) -> str:
    """Titles compared without any spaces: "优化营商环境 激发市场主体活力" typed with a full-width space
    or none at all is the same topic."""
    return _SPACES.sub("", clean_line(value))


def _aliases(marks: list[Criterion]) -> dict[str, str]:
    aliases = {alias: key for key, names in FIELD_ALIASES.items() for alias in names}
    aliases.update({c.name: f"criterion:{c.id}" for c in marks})  # a bare "重要性" header helps find the row
    return aliases


def criterion_columns(table: SheetTable, marks: list[Criterion]) -> dict[int, int]:
    """Criterion id → column index, by the criterion's name at the start of the header ("重要性（30%）");
    the longest name wins when one name starts another."""
    by_length = sorted(marks, key=lambda c: -len(c.name))
    found: dict[int, int] = {}
    for index, header in enumerate(table.headers):
        text = normalize_header(header)
        if not text or text in _FIXED_HEADERS:
            continue
        match = next((c for c in by_length if text.startswith(normalize_header(c.name))), None)
        if match is not None and match.id not in found:
            found[match.id] = index
    return found


def sheet_reviewer(workbook_sheet, header_row: int) -> str:
    """The name after the "评分人" label above the header: in the label's own cell ("评分人：张三") or in the
    next filled cell to its right (the exported sheet's B3)."""
    if header_row <= 1:
        return ""
    for values in workbook_sheet.iter_rows(min_row=1, max_row=header_row - 1, values_only=True):
        cells = list(values)
        for index, value in enumerate(cells):
            label = _REVIEWER_LABEL.match(str(value)) if isinstance(value, str) else None
            if label is None:
                continue
            # "评分人：张三　　日期：…" typed in one cell: the name ends at a wide gap
            rest = clean_line(re.split(r"\s{2,}|\u3000", value[label.end():].strip())[0])
            if rest:
                return rest
            return next((cell_text(v) for v in cells[index + 1:] if cell_text(v)), "")
    return ""


class _Analysis:
    def __init__(self, session: Session, year: int, marks: list[Criterion], columns: dict[str, int],
                 scores: dict[int, int], current: dict[tuple[int, int], tuple[int, str | None]],
                 formulas: set[tuple[int, int]] = frozenset()):
        self.session, self.year, self.marks = session, year, marks
        self.formulas = formulas  # (Excel row, column) of formulas without a saved result
        # The columns whose values are read: (field key, column index, label).
        self.read = [(key, columns[key], FIELD_ALIASES[key][0]) for key in ("id", "title", "comment")
                     if key in columns] + [(f"criterion:{c.id}", scores[c.id], c.name) for c in marks]
        self.columns = columns  # field key → column index
        self.scores = scores  # criterion id → column index
        self.current = current  # the reviewer's scores now: (topic, criterion) → (score, comment)
        self.topics = {t.id: t for t in session.exec(select(Topic).where(Topic.year == year))}
        self.by_title: dict[str, list[Topic]] = {}
        for topic in self.topics.values():
            self.by_title.setdefault(title_key(topic.title), []).append(topic)
        self.seen: dict[int, int] = {}  # topic id → first Excel row naming it


def _match(analysis: _Analysis, title: str, raw_id) -> Topic:
    year = analysis.year
    if raw_id is not None:
        topic_id = parse_record_id(raw_id, "议题编号")
        topic = analysis.topics.get(topic_id)
        if topic is None:
            other = analysis.session.get(Topic, topic_id)
            if other is not None:
                raise ValidationError(f"议题编号 {topic_id} 是{other.year}年度的议题“{other.title}”，不属于{year}年度。"
                                      f"请确认导入的是{year}年度的评分表。")
            raise ValidationError(f"议题编号 {topic_id} 不存在（该议题可能已被删除）。议题编号列请勿修改。")
        if title and title_key(title) != title_key(topic.title):
            raise ValidationError(f"议题编号 {topic_id} 是“{topic.title}”，与本行议题名称“{title}”不符。"
                                  "议题编号列请勿修改；如议题名称已改过，请重新导出评分表。")
        return topic
    same = analysis.by_title.get(title_key(title), [])
    if not same:
        raise ValidationError(f"{year}年度没有名为“{title}”的议题。")
    if len(same) > 1:
        raise ValidationError(f"{year}年度有 {len(same)} 个议题名为“{title}”，无法按名称确定是哪一个。"
                              f"请使用本程序导出的评分表，并保留“{TOPIC_ID_HEADER}”列。")
    return same[0]


def _read_scores(analysis: _Analysis, values: list) -> dict[int, int]:
    """Criterion id → score for the filled cells; every bad cell named in one ValidationError."""
    scores, problems = {}, []
    for criterion in analysis.marks:
        index = analysis.scores[criterion.id]
        value = values[index] if index < len(values) else None
        try:
            score = check_score(value)
        except ValidationError as exc:
            problems.append(f"{criterion.name}：{exc.message.rstrip('。')}")
            continue
        if score is not None:
            scores[criterion.id] = score
    if problems:
        raise ValidationError("；".join(problems) + "。")
    return scores


def _entries(analysis: _Analysis, topic_id: int, scores: dict[int, int],
             comment: str | None) -> tuple[list[ScoreEntry], list[str]]:
    """(entries to save, the changes described; none when the row says what the database has).
    The comment belongs to the topic: criteria left empty but scored before keep their score and
    take the new comment too."""
    current = analysis.current
    old_comment = next((current[(topic_id, c.id)][1] for c in analysis.marks
                        if (topic_id, c.id) in current and current[(topic_id, c.id)][1]), None)
    entries, changes = [], []
    for criterion in analysis.marks:
        old = current.get((topic_id, criterion.id))
        new = scores.get(criterion.id, old[0] if old else None)
        if new is None:
            continue
        entries.append(ScoreEntry(topic_id, criterion.id, new, comment))
        if old is None or old[0] != new:
            changes.append(f"{criterion.name}：{old[0] if old else '空'} → {new}")
    if comment != old_comment:
        changes.append(f"意见：{short(old_comment)} → {short(comment)}")
    return entries, changes


def _is_not_a_topic(cells: dict, title: str) -> str | None:
    if normalize_header(title) in _TITLE_HEADERS:
        return HEADER_REPEAT
    if "id" in cells or title:
        return None
    return NOT_A_TOPIC


def _match_once(analysis: _Analysis, row_no: int, title: str, cells: dict) -> Topic:
    topic = _match(analysis, title, cells.get("id"))
    first = analysis.seen.setdefault(topic.id, row_no)
    if first != row_no:
        raise ValidationError(f"与第 {first} 行重复")
    return topic


def _analyse_row(analysis: _Analysis, row_no: int, values: list) -> ScoreRow:
    cells = {key: values[i] for key, i in analysis.columns.items() if i < len(values) and values[i] is not None}
    title = clean_line(cells.get("title"))
    comment = clean_line(cells.get("comment"))[:COMMENT_MAX] or None
    found = [(key, label) for key, i, label in analysis.read if (row_no, i) in analysis.formulas]
    names_topic = {"id", "title"} & {key for key, _label in found}  # a formula there reads as empty
    skipped = None if names_topic else _is_not_a_topic(cells, title)
    if skipped:
        return ScoreRow(row_no, SKIPPED, skipped, title)
    errors = FieldErrors()
    for key, label in found:
        errors.add(formula_message(label), key)
    topic = None if names_topic else errors.check(_match_once, analysis, row_no, title, cells)
    scores = errors.check(_read_scores, analysis, values)  # named too, whatever is wrong with the topic
    if errors.problems:
        return ScoreRow(row_no, ERROR, row_reason(errors.problems), topic.title if topic else title,
                        topic.id if topic else None)
    if not scores:
        return ScoreRow(row_no, SKIPPED, COMMENT_ONLY if comment else NOT_SCORED, topic.title, topic.id)
    entries, changes = _entries(analysis, topic.id, scores, comment)
    if not changes:
        return ScoreRow(row_no, SKIPPED, UNCHANGED, topic.title, topic.id)
    return ScoreRow(row_no, UPDATED, "；".join(changes), topic.title, topic.id, entries)


def _reviewer(given: str | None, written: str) -> str:
    name = clean_line(given) or written
    if not name:
        raise DomainError(NEED_REVIEWER)
    if len(name) > 50:
        raise ValidationError(f"评分人“{name[:20]}…”过长（最多 50 个字）。请检查“评分人”处填写的内容。",
                              field="reviewer")
    return name


def _missing_criteria(path, table: SheetTable, missing: list[Criterion]) -> WorkbookError:
    names = "、".join(f"“{c.name}”" for c in missing)
    seen = "、".join(f"“{h}”" for h in table.headers if h) or "（无）"
    return WorkbookError(f"在文件“{Path(path).name}”的工作表“{table.sheet}”中没有找到评分标准{names}的列。"
                         f"识别到的列标题（第 {table.header_row} 行）：{seen}。请使用本程序导出的评分表，"
                         f"或把列标题改为以评分标准名称开头（如“{missing[0].name}”）。", path)


def analyse_scores_import(session: Session, year: int, path, *, reviewer: str | None = None,
                          sheet: str | None = None) -> ScorePreview:
    """Read the workbook and say, row by row, what importing it as `reviewer`'s scores (else the name in
    the sheet's 评分人 cell) for the year would do. Writes nothing."""
    path = Path(path)
    marks = criteria(session)
    if not marks:
        raise DomainError("还没有设置评分标准，请先在“议题评分标准”中添加。")
    workbook = open_workbook(path)
    table = find_table(workbook, _aliases(marks), "title", path, sheet)
    columns = {key: index for index, key in sorted(table.mapping.items())
               if key and not key.startswith("criterion:")}
    if "title" not in columns and "id" not in columns:
        raise missing_column(path, table, TITLE_HEADER)
    scores = criterion_columns(table, marks)
    missing = [c for c in marks if c.id not in scores]
    if missing:
        raise _missing_criteria(path, table, missing)
    written = sheet_reviewer(workbook[table.sheet], table.header_row)
    name = _reviewer(reviewer, written)
    analysis = _Analysis(session, year, marks, columns, scores, reviewer_scores(session, year, name),
                         table.formulas)
    rows = [_analyse_row(analysis, row_no, values) for row_no, values in table.rows]
    return ScorePreview(path=path, sheet=table.sheet, sheets=sheet_names(workbook), year=year, reviewer=name,
                        rows=rows, sheet_reviewer=written, criteria=marks, header_row=table.header_row,
                        headers=table.headers)


@writes(Area.TOPICS)
def apply_scores_import(session: Session, preview: ScorePreview, progress: Progress | None = None) -> ImportReport:
    """Save every 更新 row as the preview's reviewer, in the caller's session (all or nothing with its
    transaction), telling `progress` after each. Saving replaces the reviewer's earlier score for a topic and
    criterion, never adds one."""
    for row in rows_to_write(preview.rows, progress):
        save_scores(session, preview.reviewer, row.entries)
    return report_of(preview.rows, "个议题的评分", subject=f"评分人：{preview.reviewer}")
