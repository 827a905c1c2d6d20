"""The navigation entries of the main window, in order, with the page each one shows."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str  # file name in resources/icons
    build: Callable[[object], QWidget]  # AppContext → the page (its module is imported only then)


def _members(context) -> QWidget:
    from ui.views.members_page import MembersPage

    return MembersPage(context)


def _meetings(context) -> QWidget:
    from ui.views.meetings_page import MeetingsPage

    return MeetingsPage(context)


def _topics(context) -> QWidget:
    from ui.views.topics_page import TopicsPage

    return TopicsPage(context)


def _research(context) -> QWidget:
    from ui.views.research_page import ResearchPage

    return ResearchPage(context)


def _recommendations(context) -> QWidget:
    from ui.views.recommendations_page import RecommendationsPage

    return RecommendationsPage(context)


def _statistics(context) -> QWidget:
    from ui.views.statistics_page import StatisticsPage

    return StatisticsPage(context)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("members", "委员", "members.svg", _members),
    PageSpec("meetings", "会议活动", "meetings.svg", _meetings),
    PageSpec("topics", "议题与计划", "topics.svg", _topics),
    PageSpec("research", "调研", "research.svg", _research),
    PageSpec("recommendations", "意见建议", "recommendations.svg", _recommendations),
    PageSpec("statistics", "统计", "statistics.svg", _statistics),
)
