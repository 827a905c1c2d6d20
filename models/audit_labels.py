"""操作日志 in Chinese: every table's name, every logged column's label, how a record is titled and how a
stored value reads (是/否, 2024年3月5日, a linked record by its name, 空).

Declared once here; tests/models/test_audit_labels.py walks every table and column of the models, so a
new column without a label fails a test instead of showing as its code name in the log.
"""

from datetime import datetime
from functools import lru_cache

# Columns the log never records (models/audit.py NOT_LOGGED_COLUMNS), so they need no label.
from models.audit import NOT_LOGGED_COLUMNS as NOT_LOGGED
from models.dates import format_date, format_datetime

# Labels many tables share; a table's own entry below wins.
_COMMON = {
    "name": "名称", "title": "标题", "notes": "备注", "active": "在用", "sort_order": "排序", "code": "内部代码",
    "position": "顺序", "year": "年度", "meeting_id": "会议", "person_id": "人员", "topic_id": "议题",
    "field_visit_id": "调研", "recommendation_id": "意见建议", "bulletin_id": "专报", "organization_id": "单位",
    "format_id": "会议形式", "undertaker": "承办单位", "role": "角色", "kind": "类型", "content": "内容",
    "from_status": "原状态", "to_status": "新状态", "changed_on": "变更日期", "note": "说明", "operator": "操作人",
    "status": "状态", "source_kind": "来源",
}
_LOOKUP = {"name": "名称", "sort_order": "排序", "active": "在用", "code": "内部代码"}

# table → (中文名, {column: label}); columns not listed take _COMMON's label.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "person": ("人员", {
        "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_year": "出生年份", "birth_month": "出生月份",
        "party_id": "党派", "education": "学历", "employer_title": "工作单位及职务", "mobile": "手机",
        "office_phone": "办公电话", "email": "电子邮箱", "address": "通讯地址", "guest_category_id": "嘉宾类别",
        "active": "在任"}),
    "membership": ("职务（委员身份）", {
        "level": "级别", "term": "届次", "sector_id": "界别", "role": "职务", "committee_id": "专委会",
        "liaison_group_id": "街镇联络组", "start_date": "任职起始", "end_date": "任职截止", "active": "现任"}),
    "organization": ("单位/部门", {"kind": "单位类型"}),
    "person_group": ("常用名单", {}),
    "person_group_member": ("常用名单成员", {"group_id": "名单"}),
    "meeting": ("会议", {
        "starts_at": "开始时间", "ends_at": "结束时间", "venue": "地点", "host": "主持人", "contact_name": "联系人",
        "contact_phone": "联系电话", "minutes": "会议纪要", "notice_text": "会议通知正文", "cloned_from_id": "复制自"}),
    "agenda_item": ("议程", {"time_text": "时间", "title": "议程内容", "speaker": "发言人/报告人"}),
    "attendance": ("参会人员", {
        "role": "参会角色", "invite_status": "通知状态", "leave_reason": "请假原因", "leave_approved_by": "请假批准人",
        "checked_in_at": "签到时间", "result": "出席情况", "seat_no": "座位号", "protocol_rank": "礼宾排序",
        "speech_order": "发言顺序", "speech_title": "发言题目", "walk_in": "现场加入"}),
    "seat_plan": ("座次", {"layout": "会场布局", "template_name": "会场模板", "locked": "锁定的座位",
                          "seated": "座次安排"}),
    "topic": ("议题", {
        "description": "内容说明", "background": "背景", "source": "来源", "proposer_person_id": "提出人",
        "proposer_org_id": "提出单位", "proposer_text": "提出人（其他）", "format_id": "拟协商形式",
        "decision_note": "审定意见", "carried_from_id": "延续自"}),
    "topic_status_change": ("议题状态变更", {}),
    "topic_score": ("议题评分", {"reviewer": "评分人", "criterion_id": "评分标准", "score": "分数", "comment": "评语"}),
    "plan_item": ("年度计划项", {"planned_month": "计划月份", "lead_committee_id": "牵头专委会",
                               "meeting_id": "对应会议"}),
    "field_visit": ("调研", {"kind": "形式", "visit_date": "日期", "place": "地点", "summary": "调研情况",
                            "findings": "主要发现"}),
    "field_visit_participant": ("调研参加人员", {"visit_id": "调研"}),
    "field_visit_organization": ("调研单位", {"visit_id": "调研"}),
    "attachment": ("附件", {"file_name": "文件名", "stored_name": "存储文件名", "size": "大小（字节）",
                           "description": "说明"}),
    "aspect": ("意见建议方面", {"name": "方面"}),
    "recommendation": ("意见建议", {
        "aspect_id": "方面", "proposed_on": "提出日期", "target_org_id": "交办单位", "outcome": "办理结果",
        "deadline": "答复期限", "reply_text": "答复内容", "reply_date": "答复日期", "feedback_text": "反馈内容",
        "feedback_date": "反馈日期", "lookback_date": "回头看日期", "lookback_note": "回头看情况",
        "duplicate_of_id": "合并到"}),
    "recommendation_proposer": ("意见建议提出人", {"person_id": "提出人"}),
    "recommendation_status_change": ("意见建议状态变更", {}),
    "bulletin": ("政协建言", {"issue_no": "期号", "kind": "刊物", "issued_on": "成文日期", "recipients": "主送",
                             "introduction": "按语"}),
    "bulletin_item": ("专报所收建议", {}),
    "instruction": ("领导批示", {"leader_name": "批示领导", "leader_title": "领导职务", "instructed_on": "批示日期",
                               "content": "批示内容"}),
    "sector": ("界别", _LOOKUP),
    "party": ("党派", _LOOKUP),
    "committee": ("专委会", _LOOKUP),
    "liaison_group": ("街镇联络组", _LOOKUP),
    "meeting_format": ("会议形式", _LOOKUP),
    "guest_category": ("嘉宾类别", _LOOKUP),
    "topic_criterion": ("评分标准", {**_LOOKUP, "weight": "权重（%）"}),
    "app_setting": ("参数设置", {"key": "设置项", "value": "设置值"}),
}
NOT_SHOWN_TABLES = frozenset({"audit_entry", "alembic_version"})  # the log itself is not logged
# Named all the same where every table is (把本机数据导入办公室数据库 counts and copies them too).
_NOT_SHOWN_LABELS = {"audit_entry": "操作日志", "alembic_version": "数据库版本"}

# How a record is titled in the log: its own column, or a linked record's title (column, table);
# several parts are joined with " · " (an invitee: the meeting · the person).
TITLES: dict[str, tuple] = {
    "person": ("name",), "organization": ("name",), "person_group": ("name",), "aspect": ("name",),
    "sector": ("name",), "party": ("name",), "committee": ("name",), "liaison_group": ("name",),
    "meeting_format": ("name",), "guest_category": ("name",), "topic_criterion": ("name",),
    "meeting": ("title",), "topic": ("title",), "field_visit": ("title",), "recommendation": ("title",),
    "bulletin": ("title",), "agenda_item": ("title",), "attachment": ("file_name",), "instruction": ("leader_name",),
    "app_setting": ("key",),
    "membership": (("person_id", "person"),),
    # the person (or unit, recommendation) first: in a meeting's 修改记录 the meeting part is the same on every row
    "person_group_member": (("person_id", "person"), ("group_id", "person_group")),
    "attendance": (("person_id", "person"), ("meeting_id", "meeting")),
    "seat_plan": (("meeting_id", "meeting"),),
    "topic_status_change": (("topic_id", "topic"),),
    "topic_score": (("topic_id", "topic"),),
    "plan_item": (("topic_id", "topic"),),
    "field_visit_participant": (("person_id", "person"), ("visit_id", "field_visit")),
    "field_visit_organization": (("organization_id", "organization"), ("visit_id", "field_visit")),
    "recommendation_proposer": (("person_id", "person"), ("recommendation_id", "recommendation")),
    "recommendation_status_change": (("recommendation_id", "recommendation"),),
    "bulletin_item": (("recommendation_id", "recommendation"), ("bulletin_id", "bulletin")),
}
DELETED = "（已删除）"
EMPTY = "空"


def table_label(table: str) -> str:
    entry = TABLES.get(table)
    return entry[0] if entry else _NOT_SHOWN_LABELS.get(table, table)


def column_label(table: str, column: str) -> str:
    entry = TABLES.get(table)
    own = entry[1] if entry else {}
    return own.get(column) or _COMMON.get(column) or column


def setting_title(key: str) -> str:
    """An office setting (app_setting row) by its name in the settings registry (models/settings.py)."""
    from models import settings

    label = next((s.label for s in vars(settings).values() if isinstance(s, settings.Setting) and s.key == key), "")
    return label or f"程序内部设置（{key}）"


def own_title_column(table: str) -> str | None:
    """The column that names a record itself (None when it is named by linked records)."""
    parts = TITLES.get(table, ())
    return parts[0] if len(parts) == 1 and isinstance(parts[0], str) else None


def _kind(column) -> str:
    type_name = type(column.type).__name__ if column is not None else ""
    return {"Boolean": "bool", "DateTime": "datetime", "Date": "date"}.get(type_name, "other")


def foreign_table(column) -> str | None:
    if column is None:
        return None
    for key in column.foreign_keys:
        return key.column.table.name
    return None


@lru_cache(maxsize=4096)
def field_spec(table: str, key: str) -> tuple[str, str, str | None]:
    """(label, kind of value, table a foreign key points at) of one logged field: looked up once."""
    from models.tables import metadata  # the tables register on import; labels alone need none

    model = metadata.tables.get(table)
    column = model.c.get(key) if model is not None else None
    return column_label(table, key), _kind(column), foreign_table(column)


def format_as(kind: str, target: str | None, value, names: dict | None = None) -> str:
    """A stored value as a user reads it, for a field of this kind (field_spec); `names` holds the titles
    of records a foreign key may point at: {(table, id): title}."""
    if value is None or value == "":
        return EMPTY
    if kind == "bool":
        return "是" if value in (True, 1, "1", "true", "True") else "否"
    if kind in ("date", "datetime") and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_date(moment.date()) if kind == "date" else format_datetime(moment)
    if target is not None and isinstance(value, int) and not isinstance(value, bool):
        title = (names or {}).get((target, value))
        return title if title else f"编号 {value}{DELETED}"
    return str(value)


def format_value(column, value, names: dict | None = None) -> str:
    """format_as for a SQLAlchemy column (None: a column no longer in the models)."""
    return format_as(_kind(column), foreign_table(column), value, names)


__all__ = ["DELETED", "EMPTY", "NOT_LOGGED", "NOT_SHOWN_TABLES", "TABLES", "TITLES", "column_label",
           "field_spec", "foreign_table", "format_as", "format_value", "own_title_column", "setting_title",
           "table_label"]
