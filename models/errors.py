"""Domain errors. Every message is Chinese and fit to show a user as it is."""

from collections.abc import Callable, Sequence
from typing import Any


class DomainError(Exception):
    """A rule of the domain refused an action; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """User input is not acceptable. `field` names the offending field, if any; `problems` lists every
    (field, message) found, so a form can show all of them at once, each under its field."""

    def __init__(self, message: str, field: str | None = None, *,
                 problems: Sequence[tuple[str | None, str]] = ()):
        super().__init__(message)
        self.field = field
        self.problems: list[tuple[str | None, str]] = list(problems) or [(field, message)]


class FieldErrors:
    """Collects the problems of one form instead of stopping at the first:

        errors = FieldErrors()
        name = errors.check(required_text, data.name, "姓名", 50, "name")
        mobile = errors.check(check_mobile, data.mobile)
        errors.raise_if_any()   # one ValidationError naming all of them
    """

    def __init__(self):
        self.problems: list[tuple[str | None, str]] = []

    def check(self, rule: Callable[..., Any], *args, **kwargs) -> Any:
        """`rule(*args, **kwargs)`, or None after noting what it refused."""
        try:
            return rule(*args, **kwargs)
        except ValidationError as exc:
            self.problems.extend(exc.problems)
            return None

    def add(self, message: str, field: str | None = None) -> None:
        self.problems.append((field, message))

    def raise_if_any(self) -> None:
        if self.problems:
            field, _ = self.problems[0]
            raise ValidationError("\n".join(message for _, message in self.problems), field,
                                  problems=self.problems)


class ConflictError(DomainError):
    """Someone else changed the record since it was read (optimistic concurrency)."""

    def __init__(self, message: str = "该记录已被他人修改（可能是另一个窗口或另一位同事）。"
                 "为避免覆盖对方的修改，本次保存未执行。请关闭后重新打开该记录再修改。"):
        super().__init__(message)


class InUseError(DomainError):
    """A record other records refer to cannot be deleted."""


class NotFoundError(DomainError):
    """The record no longer exists."""


class DatabaseBusyError(DomainError):
    """The database stayed locked by another program beyond the busy timeout."""


class ConnectionLostError(DomainError):
    """The office database's server went away during a unit of work (restart, network): the message says whether
    anything may have been saved (models/db.py connection_lost_message)."""


READ_ONLY_MESSAGE = "当前账号只有查看权限，不能修改数据；本次修改未保存。需要修改时，请向管理员申请编辑账号。"


class ReadOnlyError(DomainError):
    """The account may only view: the write was refused (by the app, or by the server)."""

    def __init__(self, message: str = READ_ONLY_MESSAGE):
        super().__init__(message)


class DatabaseFileError(DomainError):
    """A database file cannot be opened safely. `kind` is one of the KIND_* names."""

    NOT_FOUND = "not_found"
    NOT_A_DATABASE = "not_a_database"
    CORRUPT = "corrupt"
    LOCKED = "locked"
    READ_ONLY = "read_only"
    TOO_NEW = "too_new"
    FOREIGN = "foreign"
    UNREADABLE = "unreadable"
    BACKUP_FAILED = "backup_failed"  # a server database behind head that could not be backed up first

    def __init__(self, kind: str, path, message: str):
        super().__init__(message)
        self.kind = kind
        self.path = path
