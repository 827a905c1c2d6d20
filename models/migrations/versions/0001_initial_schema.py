"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 01:07:43.256585

"""
from typing import Sequence, Union

from models.migrations.initial import lookups, people_topics_meetings, research_recommendations

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

PARTS = (lookups, people_topics_meetings, research_recommendations)  # in the order tables depend on each other


def upgrade() -> None:
    """Upgrade schema."""
    for part in PARTS:
        part.create()


def downgrade() -> None:
    """Downgrade schema."""
    for part in reversed(PARTS):
        part.drop()
