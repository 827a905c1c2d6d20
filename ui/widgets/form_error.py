"""The red line under a dialog's fields: hidden until there is something to say."""

from PySide6.QtWidgets import QLabel, QWidget

from models.errors import DomainError


class FormError(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")  # styled in resources/style.qss
        self.setWordWrap(True)
        self.setVisible(False)

    def say(self, message: str) -> None:
        self.setText(message)
        self.setVisible(True)

    def show_error(self, exc: DomainError) -> bool:
        """For run_command's `form=`: the message goes here; True = handled."""
        self.say(exc.message)
        return True

    def clear(self) -> None:
        self.setVisible(False)
