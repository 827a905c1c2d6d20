"""Writing a finished file (PDF, Word) whole or not at all, with Chinese messages when it cannot be done."""

import os
import uuid
from pathlib import Path

from models.errors import DomainError


def write_whole(content: bytes, path, *, opened_in: str = "PDF阅读器") -> Path:
    """Write beside the target, then rename over it: a failure never leaves a partial file.
    `opened_in` names the program that may hold the old file open, for the message."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise DomainError(f"无法保存文件“{target}”：文件夹“{folder}”不存在。")
    if target.is_dir():
        raise DomainError(f"无法保存文件“{target}”：已有同名文件夹。")
    temporary = folder / f".~{target.stem[:40]}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        stream = open(temporary, "xb")  # noqa: SIM115 - closed below, before the rename
    except OSError as error:
        raise DomainError(f"无法保存文件“{target}”：没有写入该文件夹的权限（{error.strerror}）。") from error
    try:
        with stream:
            stream.write(content)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise DomainError(f"无法保存文件“{target}”：文件可能正被其他程序（如{opened_in}）打开，"
                          f"或磁盘已满（{error.strerror}）。请关闭该文件后重试。") from error
    return target


__all__ = ["write_whole"]
