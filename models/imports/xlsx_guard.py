"""What a workbook's zip parts hold, checked before openpyxl reads any of them: how big they unpack to (a zip
bomb — a few KB that unpack to gigabytes — is refused before it costs memory or minutes) and, per sheet, how
many rows it can have at most (a sheet far over the import cap is refused without being parsed).

Sizes are judged from the zip directory first and then enforced while unpacking, since a directory can lie.
"""

import re
import zipfile
from copy import copy

MB = 1024 * 1024
MAX_PART_BYTES = 300 * MB  # one part unpacked: a 100,000-row roster of 30 columns is about 200 MB of XML
MAX_TOTAL_BYTES = 600 * MB  # all parts together
MAX_RATIO = 100  # unpacked / packed: real sheets pack 5–20 times; deflate bombs about 1,000 times
RATIO_FROM = 16 * MB  # smaller parts may pack as tightly as they like: they cost little, and a cell of 1,000,000
# repeated characters is better named as that cell
_CHUNK = 1 << 20
_ROW_TAGS = (b"<row", b":row")  # <row …> and a prefixed <x:row …> (its </x:row> counts too: an upper bound)
# A row start, or a value with text in it (<v>1</v>, an inline string's <t>张三</t>).
_ROW_OR_VALUE = re.compile(rb"<(?:\w+:)?(?:(row)[\s>/]|(?:v|t)(?:\s[^>]*)?>[^<\s])")


class PartTooLarge(Exception):  # noqa: N818 - the reader turns it into a WorkbookError with the file's name
    """A part (None: the parts together) unpacks to more than the caps allow."""

    def __init__(self, part: str | None):
        super().__init__(part)
        self.part = part


def scan_parts(archive: zipfile.ZipFile) -> dict[str, int]:
    """Unpack every part once, within the caps (PartTooLarge otherwise); for each part an upper bound of the
    rows it holds (row tags counted: cheap, and never fewer than the rows that are there)."""
    infos = [info for info in archive.infolist() if not info.is_dir()]
    for info in infos:
        if info.file_size > MAX_PART_BYTES or (info.file_size > RATIO_FROM
                                               and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise PartTooLarge(info.filename)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise PartTooLarge(None)
    rows, total = {}, 0
    for info in infos:
        claimed = copy(info)
        claimed.file_size = MAX_PART_BYTES + 1  # zipfile stops at the claimed size: unpack as far as the data goes
        size = tags = 0
        tail = b""
        with archive.open(claimed) as source:
            while chunk := source.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > info.file_size:  # more than the directory said (which passed the caps above)
                    raise PartTooLarge(info.filename)
                if total > MAX_TOTAL_BYTES:
                    raise PartTooLarge(None)
                window = tail + chunk
                tags += sum(window.count(tag) for tag in _ROW_TAGS)
                tail = chunk[-3:]  # a tag cut by the chunk's end is counted with the next (one shorter: never twice)
        rows[info.filename] = tags
    return rows


def value_rows(source, stop_after: int) -> int:
    """Rows of the sheet XML `source` holding at least one value with text, counted up to `stop_after` + 1.
    Never fewer than the rows the reader keeps (a value of only spaces may count where the reader drops it)."""
    count, counted = 0, True
    for data in _whole_tags(source):
        for match in _ROW_OR_VALUE.finditer(data):
            if match.group(1):
                counted = False
            elif not counted:
                counted = True
                count += 1
                if count > stop_after:
                    return count
    return count


def _whole_tags(source):
    """The XML in pieces that do not cut a tag: a chunk's last tag goes with the next chunk."""
    carry = b""
    while chunk := source.read(_CHUNK):
        data = carry + chunk
        cut = data.rfind(b"<", max(0, len(data) - 256))  # tags are short: a long text run is not carried
        data, carry = (data, b"") if cut < 0 else (data[:cut], data[cut:])
        yield data
    yield carry
