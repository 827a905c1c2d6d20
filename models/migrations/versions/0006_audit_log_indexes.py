"""audit log indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:50:00

操作日志 screen (issue 15): the log is listed newest first, filtered by kind of record or by operator; an
index on (entity, at) and one on (operator, at) give each filter's first page without sorting every entry
(an import of 10,000 people writes 10,000). Existing rows need nothing.
"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_entity_at', ['entity', 'at'], unique=False)
        batch_op.create_index('ix_audit_entry_operator_at', ['operator', 'at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_operator_at')
        batch_op.drop_index('ix_audit_entry_entity_at')
