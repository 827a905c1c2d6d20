"""履职积分: the scoring scheme (stored in the database settings) and its plain-Chinese explanation.

Defaults follow the common district scheme: a base of 60 points, points for each meeting attended (by
format), research visit, recommendation and adopted recommendation, deductions for unexcused absence
and for leave, a maximum of 100, and the bands 优秀 ≥90, 良好 80-89, 称职 60-79, 不称职 <60.
"""

from dataclasses import asdict, dataclass, field, replace
from itertools import pairwise

from sqlmodel import Session

from models.changes import Area, writes
from models.errors import ValidationError
from models.services.app_settings import get_setting, set_setting
from models.settings import PERFORMANCE_SCHEME
from models.text import clean_line

OTHER_FORMAT = "other"  # formats without their own points (and formats users added) score as 其他

DEFAULT_MEETING_POINTS = {"bimonthly": 5.0, "salon": 3.0, "counterpart": 3.0, "standing": 5.0, "chairs": 2.0,
                          OTHER_FORMAT: 2.0}
MAX_POINTS = 1000.0


@dataclass(frozen=True)
class Band:
    name: str
    minimum: float  # the band holds scores ≥ minimum (and below the band above)


DEFAULT_BANDS = (Band("优秀", 90.0), Band("良好", 80.0), Band("称职", 60.0))


@dataclass(frozen=True)
class Scheme:
    base: float = 60.0
    meeting_points: dict = field(default_factory=lambda: dict(DEFAULT_MEETING_POINTS))  # format code → points
    visit: float = 3.0
    recommendation: float = 2.0
    adopted: float = 3.0  # on top of the recommendation's own points
    absence: float = 5.0  # deducted per unexcused absence (缺席)
    leave: float = 1.0  # deducted per leave (请假)
    maximum: float | None = 100.0  # None: no cap
    bands: tuple[Band, ...] = DEFAULT_BANDS  # highest first
    lowest_band: str = "不称职"

    def points_for(self, format_code: str | None) -> float:
        if format_code in self.meeting_points:
            return self.meeting_points[format_code]
        return self.meeting_points.get(OTHER_FORMAT, 0.0)

    def band_of(self, score: float) -> str:
        return next((band.name for band in self.bands if score >= band.minimum), self.lowest_band)

    @property
    def pass_mark(self) -> float:
        """Scores below the lowest band's minimum are 谈话提醒 candidates."""
        return self.bands[-1].minimum if self.bands else 0.0


def _number(value, label: str, key: str, *, low: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}应为数字。", field=key) from None
    if not low <= number <= MAX_POINTS:
        raise ValidationError(f"{label}应在{low:g}至{MAX_POINTS:g}之间。", field=key)
    return number


def validate_scheme(scheme: Scheme) -> Scheme:
    """A checked copy: numbers in range, band names given and distinct, thresholds falling."""
    points = {str(code): _number(v, "会议分值", f"meeting:{code}") for code, v in scheme.meeting_points.items()}
    maximum = None if scheme.maximum is None else _number(scheme.maximum, "最高分", "maximum", low=1.0)
    base = _number(scheme.base, "基础分", "base")
    if maximum is not None and base > maximum:
        raise ValidationError("基础分不能高于最高分。", field="base")
    names = [clean_line(b.name) for b in scheme.bands] + [clean_line(scheme.lowest_band)]
    if any(not name for name in names):
        raise ValidationError("等次名称不能为空。", field="bands")
    if any(len(name) > 10 for name in names):
        raise ValidationError("等次名称不能超过10个字。", field="bands")
    if len(set(names)) != len(names):
        raise ValidationError("等次名称不能重复。", field="bands")
    if not scheme.bands:
        raise ValidationError("至少需要一个等次分数线。", field="bands")
    minimums = [_number(b.minimum, f"“{b.name}”的分数线", "bands") for b in scheme.bands]
    if any(a <= b for a, b in pairwise(minimums)):
        raise ValidationError("等次分数线应从高到低依次递减。", field="bands")
    return replace(scheme, base=base, meeting_points=points, maximum=maximum,
                   visit=_number(scheme.visit, "调研分值", "visit"),
                   recommendation=_number(scheme.recommendation, "意见建议分值", "recommendation"),
                   adopted=_number(scheme.adopted, "采纳加分", "adopted"),
                   absence=_number(scheme.absence, "缺席扣分", "absence"),
                   leave=_number(scheme.leave, "请假扣分", "leave"),
                   bands=tuple(Band(n, m) for n, m in zip(names, minimums, strict=False)),
                   lowest_band=names[-1])


def scheme_to_dict(scheme: Scheme) -> dict:
    data = asdict(scheme)
    data["bands"] = [[b.name, b.minimum] for b in scheme.bands]
    return data


def scheme_from_dict(data: dict) -> Scheme:
    """Missing keys take the defaults, so a scheme saved by an older version still reads."""
    default = Scheme()
    points = dict(DEFAULT_MEETING_POINTS)
    points.update(data.get("meeting_points") or {})
    bands = data.get("bands")
    scheme = replace(default, meeting_points=points,
                     bands=tuple(Band(name, minimum) for name, minimum in bands) if bands else default.bands,
                     **{k: data[k] for k in ("base", "visit", "recommendation", "adopted", "absence", "leave",
                                              "maximum", "lowest_band") if k in data})
    return validate_scheme(scheme)


def get_scheme(session: Session) -> Scheme:
    data = get_setting(session, PERFORMANCE_SCHEME)
    if not data:
        return Scheme()
    try:
        return scheme_from_dict(data)
    except (ValidationError, TypeError, ValueError):
        return Scheme()  # a damaged setting must not stop the statistics screen


@writes(Area.SETTINGS)
def save_scheme(session: Session, scheme: Scheme) -> Scheme:
    checked = validate_scheme(scheme)
    set_setting(session, PERFORMANCE_SCHEME, scheme_to_dict(checked))
    return checked


@writes(Area.SETTINGS)
def reset_scheme(session: Session) -> Scheme:
    return save_scheme(session, Scheme())


def points_text(value: float) -> str:
    return f"{value:g}"


def scheme_lines(scheme: Scheme, format_names: dict) -> list[str]:
    """The scheme in force as sentences printed under every score sheet. format_names: code → name."""
    meetings = [f"出席{format_names.get(code, code)}每次{points_text(p)}分"
                for code, p in scheme.meeting_points.items() if code != OTHER_FORMAT and p]
    other = scheme.meeting_points.get(OTHER_FORMAT, 0.0)
    if other:
        meetings.append(f"出席其他会议活动每次{points_text(other)}分")
    gains = [*meetings, f"参加调研视察每次{points_text(scheme.visit)}分",
             f"提出意见建议每条{points_text(scheme.recommendation)}分",
             f"意见建议被采纳（含部分采纳）每条另加{points_text(scheme.adopted)}分"]
    cap = (f"总分最高{points_text(scheme.maximum)}分，最低0分。" if scheme.maximum is not None
           else "总分不设上限，最低0分。")
    bands, upper = [], None
    for band in scheme.bands:
        low = points_text(band.minimum)
        bands.append(f"{low}分及以上为{band.name}" if upper is None
                     else f"{low}分及以上、不足{points_text(upper)}分为{band.name}")
        upper = band.minimum
    bands.append(f"不足{points_text(upper)}分为{scheme.lowest_band}")
    return [f"基础分{points_text(scheme.base)}分。",
            "加分：" + "；".join(gains) + "。",
            f"扣分：无故缺席每次扣{points_text(scheme.absence)}分；请假每次扣{points_text(scheme.leave)}分。",
            cap,
            "等次：" + "；".join(bands) + "。",
            f"积分不足{points_text(scheme.pass_mark)}分或全年无履职记录的委员列入谈话提醒名单"
            "（当年任职不满半年的委员不因无履职记录列入）。"]


__all__ = ["DEFAULT_BANDS", "DEFAULT_MEETING_POINTS", "OTHER_FORMAT", "Band", "Scheme", "get_scheme",
           "points_text", "reset_scheme", "save_scheme", "scheme_from_dict", "scheme_lines", "scheme_to_dict",
           "validate_scheme"]
