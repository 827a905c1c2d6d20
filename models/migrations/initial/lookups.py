"""Revision 0001, part: 参数表（界别、党派、专委会、联络组、会议形式、嘉宾类别、单位、议题评分标准）."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table('committee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee')),
    sa.UniqueConstraint('code', name=op.f('uq_committee_code')),
    sa.UniqueConstraint('name', name=op.f('uq_committee_name'))
    )
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committee_sort_order'), ['sort_order'], unique=False)

    op.create_table('guest_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest_category')),
    sa.UniqueConstraint('code', name=op.f('uq_guest_category_code')),
    sa.UniqueConstraint('name', name=op.f('uq_guest_category_name'))
    )
    with op.batch_alter_table('guest_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guest_category_sort_order'), ['sort_order'], unique=False)

    op.create_table('liaison_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_liaison_group')),
    sa.UniqueConstraint('code', name=op.f('uq_liaison_group_code')),
    sa.UniqueConstraint('name', name=op.f('uq_liaison_group_name'))
    )
    with op.batch_alter_table('liaison_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_liaison_group_sort_order'), ['sort_order'], unique=False)

    op.create_table('meeting_format',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_format')),
    sa.UniqueConstraint('code', name=op.f('uq_meeting_format_code')),
    sa.UniqueConstraint('name', name=op.f('uq_meeting_format_name'))
    )
    with op.batch_alter_table('meeting_format', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_format_sort_order'), ['sort_order'], unique=False)

    op.create_table('organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization')),
    sa.UniqueConstraint('name', name=op.f('uq_organization_name'))
    )
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_kind'), ['kind'], unique=False)

    op.create_table('party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party')),
    sa.UniqueConstraint('code', name=op.f('uq_party_code')),
    sa.UniqueConstraint('name', name=op.f('uq_party_name'))
    )
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_sort_order'), ['sort_order'], unique=False)

    op.create_table('sector',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sector')),
    sa.UniqueConstraint('code', name=op.f('uq_sector_code')),
    sa.UniqueConstraint('name', name=op.f('uq_sector_name'))
    )
    with op.batch_alter_table('sector', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sector_sort_order'), ['sort_order'], unique=False)

    op.create_table('topic_criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic_criterion')),
    sa.UniqueConstraint('code', name=op.f('uq_topic_criterion_code')),
    sa.UniqueConstraint('name', name=op.f('uq_topic_criterion_name'))
    )
    with op.batch_alter_table('topic_criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topic_criterion_sort_order'), ['sort_order'], unique=False)


def drop() -> None:
    with op.batch_alter_table('topic_criterion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topic_criterion_sort_order'))

    op.drop_table('topic_criterion')
    with op.batch_alter_table('sector', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sector_sort_order'))

    op.drop_table('sector')
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_sort_order'))

    op.drop_table('party')
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_kind'))

    op.drop_table('organization')
    with op.batch_alter_table('meeting_format', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_format_sort_order'))

    op.drop_table('meeting_format')
    with op.batch_alter_table('liaison_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_liaison_group_sort_order'))

    op.drop_table('liaison_group')
    with op.batch_alter_table('guest_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guest_category_sort_order'))

    op.drop_table('guest_category')
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committee_sort_order'))

    op.drop_table('committee')
