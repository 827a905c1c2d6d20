"""Where printed text breaks: in lines of about equal width, never before a closing mark or after an
opening one, and never inside a quoted phrase (“一老一小”, 《民法典》, （第2期）) that fits on one line —
"加强“一老一/小”服务供给" reads as two words broken, "加强“一老一小”/服务供给" as the title it is."""

from PySide6.QtGui import QFontMetricsF

from .fonts import Face, font
from .layout import TextBlock
from .units import MM

_NO_LINE_START = set("，。、；：？！）》”’」』%％·…—")
_NO_LINE_END = set("（《“‘「『")
_QUOTES = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』", "（": "）"}
_EDGE_AFTER = set(_QUOTES.values()) | set("、，；：")
_TIME_MARKS = set(":：")  # 14:30
_RANGE_MARKS = set("-–~～")  # 14:30-14:40: if a range must break, after its dash
MAX_LINES = 6  # longer texts are left to the layout's own wrapping


def break_ok(text: str, at: int) -> bool:
    """Not before a closing mark or after an opening one, not inside a time or a Latin word."""
    before, after = text[at - 1], text[at]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    if (before.isdigit() and after in _TIME_MARKS | _RANGE_MARKS) or (before in _TIME_MARKS and after.isdigit()):
        return False  # never "14:30-14 / :40" nor "14: / 30"
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def _at_edge(text: str, at: int) -> bool:
    """A break after a closing quote or a 、，; or before an opening quote: between phrases, not in a word."""
    return 0 < at < len(text) and (text[at - 1] in _EDGE_AFTER or text[at] in _QUOTES)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(first, last) character positions of each outermost quoted phrase, opening and closing marks included."""
    spans, stack = [], []
    for at, ch in enumerate(text):
        if ch in _QUOTES:
            stack.append((at, _QUOTES[ch]))
        elif stack and ch == stack[-1][1]:
            first, _closer = stack.pop()
            if not stack:
                spans.append((first, at))
    return spans


def _cuts(text: str, edge: list[float], width: float, keep_quotes: bool) -> list[int]:
    inside = set()
    if keep_quotes:
        for first, last in quoted_spans(text):
            if edge[last + 1] - edge[first] <= width:  # a phrase longer than a line has to break somewhere
                inside.update(range(first + 1, last + 1))
    return [0] + [at for at in range(1, len(text)) if break_ok(text, at) and at not in inside] + [len(text)]


def _even_lines(text: str, edge: list[float], cuts: list[int], lines: int) -> list[str] | None:
    """`text` on exactly `lines` lines cut only at `cuts`, the widest line as narrow as possible."""
    # best[k][i]: the narrowest widest line setting text[:cuts[i]] on k lines, and where its last line starts
    best = [{0: (0.0, -1)}]
    for _k in range(lines):
        row = {}
        for i in range(1, len(cuts)):
            options = [(max(w, edge[cuts[i]] - edge[cuts[p]]), p) for p, (w, _) in best[-1].items() if p < i]
            if options:  # ties: a break at a phrase's edge, then the longer first line ("经济科技/委员会")
                row[i] = min(options, key=lambda option: (round(option[0]), not _at_edge(text, cuts[option[1]]),
                                                          -option[1]))
        best.append(row)
    if len(cuts) - 1 not in best[lines]:
        return None
    parts, i = [], len(cuts) - 1
    for k in range(lines, 0, -1):
        p = best[k][i][1]
        parts.append(text[cuts[p]:cuts[i]])
        i = p
    parts.reverse()
    return parts


def balanced(text: str, face: Face, points: float, width_mm: float) -> str:
    """Text that wraps, broken into lines of about equal width ("区商务/委员会", not "区商务委员/会"), so a
    cell never ends on one orphaned character, and quoted phrases kept whole (one more line if need be).
    Unchanged when it fits on one line or no even break fits."""
    if not text or "\n" in text:
        return text
    face_font = font(face, points)
    width = width_mm * MM
    lines = TextBlock(text, face_font, width).line_count
    if lines <= 1 or lines > MAX_LINES:
        return text
    metrics = QFontMetricsF(face_font)
    edge = [0.0]
    for ch in text:
        edge.append(edge[-1] + metrics.horizontalAdvance(ch))

    def fits(parts: list[str] | None) -> bool:
        return parts is not None and all(TextBlock(part, face_font, width).line_count == 1 for part in parts)

    for keep_quotes, count in ((True, lines), (True, lines + 1), (False, lines)):
        if count > MAX_LINES:
            continue
        parts = _even_lines(text, edge, _cuts(text, edge, width, keep_quotes), count)
        if fits(parts):
            return "\n".join(parts)
    return text


__all__ = ["balanced", "break_ok", "quoted_spans"]
