"""2023 年度演示数据库所用的中文文本素材（全部为虚构内容）。

本模块只包含纯 Python 字面量：单位名录、四次专题双月协商会、一次委员沙龙、
《政协建言》各期导语、领导批示和办理答复范文。文中不出现任何人名，
所称“本区”为一虚构的中心城区。2022 年的素材在 year_2022_*.py，
两年的全体会议和常委会议在 sessions.py（由各自的生成代码直接导入）。
"""

from .bimonthly_consumption import MEETING as _CONSUMPTION
from .bimonthly_culture import MEETING as _CULTURE
from .bimonthly_green import MEETING as _GREEN
from .bimonthly_health import MEETING as _HEALTH
from .salon import SALON
from .texts import BULLETIN_INTRODUCTIONS, INSTRUCTION_TEXTS, ORGANIZATIONS, REPLY_TEXTS

# The four 2023 bimonthly meetings, in the order they were held.
BIMONTHLY = [_CONSUMPTION, _HEALTH, _CULTURE, _GREEN]

__all__ = ["BIMONTHLY", "BULLETIN_INTRODUCTIONS", "INSTRUCTION_TEXTS", "ORGANIZATIONS", "REPLY_TEXTS", "SALON"]
