"""What a workbook's zip parts hold, checked before openpyxl reads any of them: how big they unpack to (a zip
bomb — a few KB that unpack to gigabytes — is refused before it costs memory or minutes) and, per sheet, how
many rows it can have at most (a sheet far over the import cap is refused without being parsed).

Sizes are judged from the zip directory first and then enforced while unpacking, since a directory can lie.
"""

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
    """Rows of the sheet XML `source` holding at least one value, counted up to `stop_after` + 1 — by splitting
    the bytes at each <row, much faster than parsing. Never fewer than the rows the reader keeps, and never more
    but for rows whose values are only spaces; prefixed tags (<x:row>) count as part of the row before them."""
    count, carry, counted = 0, b"", False  # counted: the row in `carry` has been counted already
    while chunk := source.read(_CHUNK):
        pieces = (carry + chunk).split(b"<row")
        carry = pieces.pop()  # the last row may go on in the next chunk
        for piece in pieces:  # whole rows; the first one may be the rest of the row carried
            count += not counted and _has_value(piece)
            counted = False
        if len(carry) > _CHUNK:  # one long row: judged so far, kept from its last opening tag (a value cut off)
            if not counted and _has_value(carry):
                count, counted = count + 1, True
            carry = _from_last_opening_tag(carry)
        if count > stop_after:
            return count
    return count + (not counted and _has_value(carry))


def _from_last_opening_tag(data: bytes) -> bytes:
    """`data` from its last opening tag on, so that no closing tag in it lacks its opening one (<v></v>)."""
    at = len(data)
    while (at := data.rfind(b"<", 0, at)) > 0 and data[at + 1:at + 2] in (b"/", b""):  # closing, or cut off
        pass
    return data[max(at, 0):]


def _has_value(row: bytes) -> bool:
    """A value with text: <v>1</v>, an inline string's <t>张三</t>; not <v></v> or <t></t>."""
    if b"</v>" not in row and b"</t>" not in row:
        return False
    if b"></v>" not in row and b"></t>" not in row:
        return True
    return row.count(b"</v>") + row.count(b"</t>") > row.count(b"></v>") + row.count(b"></t>")
