"""Writing a finished file (PDF, Word) whole or not at all, with Chinese messages when it cannot be done."""

import os
import uuid
from pathlib import Path

from models.errors import DomainError
from models.os_errors import os_reason


def write_whole(content: bytes, path, *, opened_in: str = "PDF阅读器") -> Path:
    """Write beside the target, then rename over it: a failure never leaves a partial file.
    `opened_in` names the program that may hold the old file open, for the message."""
    target = Path(path)
    folder = target.parent
    temporary = folder / f".~{target.stem[:40]}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        if not folder.is_dir():
            raise DomainError(f"无法保存文件“{target}”：文件夹“{folder}”不存在。")
        if target.is_dir():
            raise DomainError(f"无法保存文件“{target}”：已有同名文件夹。")
        stream = open(temporary, "xb")  # noqa: SIM115 - closed below, before the rename
    except OSError as error:  # a name too long fails already when its folder is looked at
        raise DomainError(f"无法保存文件“{target}”：不能在该文件夹中写入（{os_reason(error, temporary)}）。"
                          "请换一个文件夹保存。") from error
    try:
        with stream:
            stream.write(content)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise DomainError(f"无法保存文件“{target}”（{os_reason(error, target)}）。文件可能正被其他程序"
                          f"（如{opened_in}）打开，请关闭该文件后重试。") from error
    return target


__all__ = ["write_whole"]
