"""Demo 2022, the first year of the term: a smaller, finished year (2 双月协商会, 1 委员沙龙, all archived and
concluded), so the statistics page compares 2023 with real figures instead of "2022年：0"."""

from datetime import datetime

from models.demo.content.year_2022_bimonthly import EMPLOYMENT, GOVERNANCE
from models.demo.content.year_2022_other import BULLETIN_INTRODUCTIONS_2022, INSTRUCTION_TEXTS_2022, SALON_2022
from models.demo.events import YearPlan

YEAR = 2022
STARTS = (datetime(2022, 5, 19, 14, 30), datetime(2022, 8, 25, 14, 30))
SALON_START = datetime(2022, 11, 24, 14, 30)
# Bulletins 1 and 2 each receive one instruction; the salon's bulletin none.
INSTRUCTIONS = {1: [("区长", 0)], 2: [("区委书记", 1)]}


def plan_2022(leader_names: dict) -> YearPlan:
    """The same leaders as in 2023; the 在区全国、市政协委员 took office only in January 2023."""
    return YearPlan(YEAR, [EMPLOYMENT, GOVERNANCE], STARTS, SALON_2022, SALON_START, BULLETIN_INTRODUCTIONS_2022,
                    INSTRUCTIONS, INSTRUCTION_TEXTS_2022, "主席会议讨论通过", finished=True,
                    upper_members=False, leader_names=leader_names)
