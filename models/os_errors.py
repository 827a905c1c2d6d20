"""Why the system refused a file or folder, in Chinese: what people are shown instead of an OSError's English
text (its `strerror`: "Not a directory", "Permission denied"), which nothing else puts in a message.

    raise DomainError(f"无法保存文件“{path}”（{os_reason(error)}）。") from error

The error stays chained (and logged where it is logged) with its own text for whoever reads the log."""

import errno
from pathlib import Path

REASONS = {
    errno.ENOTDIR: "路径中有一部分是文件，不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘已满",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EROFS: "只读文件系统，不能写入",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.EBUSY: "文件正在被其他程序使用",
    errno.ETXTBSY: "文件正在被其他程序使用",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENFILE: "同时打开的文件太多",
    errno.EIO: "读写磁盘时出错（磁盘、U 盘或网络驱动器可能有故障）",
    errno.EINVAL: "文件名中有不允许的字符",
    errno.ELOOP: "路径中的快捷方式（链接）太多或互相指向",
    errno.ENODEV: "设备不存在（U 盘或网络驱动器可能已断开）",
    errno.ENXIO: "设备不存在（U 盘或网络驱动器可能已断开）",
    errno.ETIMEDOUT: "连接超时（网络驱动器没有响应）",
    errno.EXDEV: "不能跨磁盘移动",
}
for _name, _reason in (("EDQUOT", "磁盘空间配额已用完"), ("EFBIG", "文件太大"), ("ENETUNREACH", "网络不通"),
                       ("EHOSTUNREACH", "网络不通"), ("ECONNREFUSED", "连接被拒绝")):
    if hasattr(errno, _name):
        REASONS[getattr(errno, _name)] = _reason
# Windows' own codes say more than the errno Python maps them to (a file open in Excel is EACCES there).
WINDOWS = {
    2: "找不到文件", 3: "找不到文件夹", 5: "没有权限", 19: "磁盘有写保护",
    32: "文件正在被其他程序使用（例如已在 Excel、Word 或 PDF 阅读器中打开）", 33: "文件的一部分被其他程序锁定",
    53: "找不到网络路径", 67: "找不到网络名", 112: "磁盘已满", 206: "文件名过长",
    123: "文件名、文件夹名或卷标中有不允许的字符", 1224: "文件已被其他程序映射打开",
}


def os_reason(error: OSError, path=None) -> str:
    """The reason in Chinese (never the system's English text); with `path`, a "not a folder" names the
    part of it that is a file."""
    winerror = getattr(error, "winerror", None)
    if winerror in WINDOWS:
        return WINDOWS[winerror]
    if error.errno == errno.ENOTDIR and (blocker := _file_in(path or error.filename)) is not None:
        return f"“{blocker}”是文件，不是文件夹"
    if error.errno in REASONS:
        return REASONS[error.errno]
    return f"系统错误代码 {error.errno}" if error.errno else "系统拒绝了这个操作"


def _file_in(path) -> Path | None:
    """The first part of `path` that exists and is not a folder."""
    try:
        path = Path(path) if path else None
        return next((p for p in reversed([path, *path.parents]) if p.exists() and not p.is_dir()), None) \
            if path else None
    except (TypeError, ValueError, OSError):  # bytes, a NUL, an unreadable drive: no better reason to give
        return None


__all__ = ["os_reason"]
