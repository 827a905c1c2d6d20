"""The red lines of a form: one under each field that can be wrong (`under`), and one under all the fields
for the rest. A ValidationError's problems are all shown at once, each under its field.

Every line keeps its space while empty, so a message never pushes the buttons down or clips the field
above it. Lines go under the fields a user is likely to get wrong (required, checked formats); a rarer
problem (a text over its length) is said in the line under all the fields, which names the field.
"""

from PySide6.QtWidgets import QLabel, QWidget

from models.errors import DomainError, ValidationError


def _error_line(lines: int) -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")  # styled in resources/style.qss
    label.setWordWrap(True)
    label.setMinimumHeight(_height(label, lines))
    return label


def _height(label: QLabel, lines: int) -> int:
    return label.fontMetrics().lineSpacing() * lines + 4  # a little more: descenders of the last line


class FormError(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setMinimumHeight(_height(self, 1))
        self.fields: dict[str, tuple[QLabel, QWidget | None]] = {}

    def under(self, field: str, widget: QWidget | None = None, *, lines: int = 1) -> QLabel:
        """The line for `field`'s messages, to place under it; `widget` gets the focus when it is wrong.
        `lines`: the room kept, for a field whose message quotes what was typed (and so may wrap)."""
        label = _error_line(lines)
        self.fields[field] = (label, widget)
        if widget is not None and hasattr(widget, "textEdited"):  # typing again: the old message goes
            widget.textEdited.connect(lambda _text: label.setText(""))
        return label

    @staticmethod
    def blank(lines: int = 1) -> QLabel:
        """Room as tall as a field's line, never written: keeps a row of a second column level with the
        first when only the field beside it has a line."""
        return _error_line(lines)

    def say(self, message: str, field: str | None = None) -> None:
        label = self.fields[field][0] if field in self.fields else self
        label.setText(message)
        label.setToolTip(message)

    def show_error(self, exc: DomainError) -> bool:
        """For run_command's `form=`: every problem under its field, the rest here; True = handled."""
        self.clear()
        problems = exc.problems if isinstance(exc, ValidationError) else [(None, exc.message)]
        here: list[str] = []
        by_field: dict[str, list[str]] = {}
        for field, message in problems:
            (by_field.setdefault(field, []) if field in self.fields else here).append(message)
        for field, messages in by_field.items():
            self.say("\n".join(messages), field)
        self.say("\n".join(here))
        first = next((self.fields[f][1] for f, _m in problems if f in self.fields and self.fields[f][1]), None)
        if first is not None:
            first.setFocus()
        return True

    def messages(self) -> dict[str | None, str]:
        """What is shown now, by field (None: the line under all fields); for tests and screen readers."""
        shown = {field: label.text() for field, (label, _w) in self.fields.items() if label.text()}
        if self.text():
            shown[None] = self.text()
        return shown

    def clear(self) -> None:
        self.say("")
        for field in self.fields:
            self.say("", field)
