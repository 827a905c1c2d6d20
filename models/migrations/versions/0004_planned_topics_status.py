"""planned topics move to 列入计划

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Before this version, putting a topic into the annual plan left its status where it was, so the pool read
"列入计划：是" for topics still at 征集. From now on planning moves the topic (models/services/plan_topics.py);
this brings existing databases into line once: every planned topic still before 列入计划 moves there, with
a history entry that says it was recorded at the upgrade and which steps it had not been through.
No schema change.
"""
from datetime import date, datetime
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The steps before the plan, in order (models.vocab.TopicStatus at this revision).
BEFORE_PLAN = ("征集", "初筛", "主席会议通过", "区委审定")
PLANNED = "列入计划"


def upgrade() -> None:
    connection = op.get_bind()
    planned = connection.execute(sa.text(
        "SELECT topic.id, topic.status, MIN(plan_item.year) FROM topic "
        "JOIN plan_item ON plan_item.topic_id = topic.id "
        "WHERE topic.status IN ('征集', '初筛', '主席会议通过', '区委审定') "
        "GROUP BY topic.id, topic.status ORDER BY topic.id")).all()
    stamp = datetime.now().replace(microsecond=0)
    for topic_id, status, year in planned:
        skipped = BEFORE_PLAN[BEFORE_PLAN.index(status) + 1:]
        note = f"列入{year}年度协商计划（升级时按计划补记" + (f"；未经{'、'.join(skipped)}" if skipped else "") + "）"
        connection.execute(sa.text(
            "UPDATE topic SET status = :planned, version = version + 1, updated_at = :stamp WHERE id = :id"),
            {"planned": PLANNED, "stamp": stamp, "id": topic_id})
        connection.execute(sa.text(
            "INSERT INTO topic_status_change (topic_id, from_status, to_status, changed_on, note, created_at) "
            "VALUES (:id, :from_status, :to_status, :on, :note, :stamp)"),
            {"id": topic_id, "from_status": status, "to_status": PLANNED, "on": date.today(), "note": note,
             "stamp": stamp})


def downgrade() -> None:
    """The statuses stay: they agree with the plan, which the older version can show too."""
