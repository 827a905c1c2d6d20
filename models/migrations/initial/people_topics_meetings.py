"""Revision 0001, part: 人员与委员身份、议题与评分、会议、议程和参会人员."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('gender', sa.String(length=4), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('birth_month', sa.Integer(), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('education', sa.String(length=30), nullable=True),
    sa.Column('employer_title', sa.String(length=300), nullable=True),
    sa.Column('mobile', sa.String(length=30), nullable=True),
    sa.Column('office_phone', sa.String(length=50), nullable=True),
    sa.Column('email', sa.String(length=100), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('guest_category_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['guest_category_id'], ['guest_category.id'], name=op.f('fk_person_guest_category_id_guest_category')),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_person_party_id_party')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_active'), ['active'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_guest_category_id'), ['guest_category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_mobile'), ['mobile'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_party_id'), ['party_id'], unique=False)

    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=4), nullable=False),
    sa.Column('term', sa.String(length=20), nullable=True),
    sa.Column('sector_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=True),
    sa.Column('liaison_group_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], name=op.f('fk_membership_committee_id_committee')),
    sa.ForeignKeyConstraint(['liaison_group_id'], ['liaison_group.id'], name=op.f('fk_membership_liaison_group_id_liaison_group')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_membership_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sector_id'], ['sector.id'], name=op.f('fk_membership_sector_id_sector')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_active'), ['active'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_liaison_group_id'), ['liaison_group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_sector_id'), ['sector_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_term'), ['term'], unique=False)

    op.create_table('topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('background', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('proposer_person_id', sa.Integer(), nullable=True),
    sa.Column('proposer_org_id', sa.Integer(), nullable=True),
    sa.Column('proposer_text', sa.String(length=200), nullable=True),
    sa.Column('format_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['carried_from_id'], ['topic.id'], name=op.f('fk_topic_carried_from_id_topic')),
    sa.ForeignKeyConstraint(['format_id'], ['meeting_format.id'], name=op.f('fk_topic_format_id_meeting_format')),
    sa.ForeignKeyConstraint(['proposer_org_id'], ['organization.id'], name=op.f('fk_topic_proposer_org_id_organization')),
    sa.ForeignKeyConstraint(['proposer_person_id'], ['person.id'], name=op.f('fk_topic_proposer_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic'))
    )
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topic_carried_from_id'), ['carried_from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_format_id'), ['format_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_proposer_org_id'), ['proposer_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_proposer_person_id'), ['proposer_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_source'), ['source'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_year'), ['year'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('format_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=True),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=True),
    sa.Column('host', sa.String(length=100), nullable=True),
    sa.Column('undertaker', sa.String(length=200), nullable=True),
    sa.Column('contact_name', sa.String(length=50), nullable=True),
    sa.Column('contact_phone', sa.String(length=50), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('notice_text', sa.Text(), nullable=True),
    sa.Column('cloned_from_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cloned_from_id'], ['meeting.id'], name=op.f('fk_meeting_cloned_from_id_meeting')),
    sa.ForeignKeyConstraint(['format_id'], ['meeting_format.id'], name=op.f('fk_meeting_format_id_meeting_format')),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_meeting_topic_id_topic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_format_id'), ['format_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_topic_id'), ['topic_id'], unique=False)

    op.create_table('topic_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=50), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['criterion_id'], ['topic_criterion.id'], name=op.f('fk_topic_score_criterion_id_topic_criterion')),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_topic_score_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic_score')),
    sa.UniqueConstraint('topic_id', 'reviewer', 'criterion_id', name=op.f('uq_topic_score_topic_id_reviewer_criterion_id'))
    )
    with op.batch_alter_table('topic_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topic_score_criterion_id'), ['criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_score_reviewer'), ['reviewer'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_score_topic_id'), ['topic_id'], unique=False)

    op.create_table('topic_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=10), nullable=True),
    sa.Column('to_status', sa.String(length=10), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('operator', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_topic_status_change_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic_status_change'))
    )
    with op.batch_alter_table('topic_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topic_status_change_topic_id'), ['topic_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('time_text', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('speaker', sa.String(length=100), nullable=True),
    sa.Column('notes', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('invite_status', sa.String(length=10), nullable=False),
    sa.Column('leave_reason', sa.String(length=200), nullable=True),
    sa.Column('leave_approved_by', sa.String(length=50), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('result', sa.String(length=4), nullable=True),
    sa.Column('seat_no', sa.String(length=20), nullable=True),
    sa.Column('speech_order', sa.Integer(), nullable=True),
    sa.Column('speech_title', sa.String(length=200), nullable=True),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_attendance_meeting_id_person_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_invite_status'), ['invite_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_result'), ['result'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_role'), ['role'], unique=False)


def drop() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_role'))
        batch_op.drop_index(batch_op.f('ix_attendance_result'))
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_invite_status'))

    op.drop_table('attendance')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('topic_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topic_status_change_topic_id'))

    op.drop_table('topic_status_change')
    with op.batch_alter_table('topic_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topic_score_topic_id'))
        batch_op.drop_index(batch_op.f('ix_topic_score_reviewer'))
        batch_op.drop_index(batch_op.f('ix_topic_score_criterion_id'))

    op.drop_table('topic_score')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_topic_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_status'))
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))
        batch_op.drop_index(batch_op.f('ix_meeting_format_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topic_year'))
        batch_op.drop_index(batch_op.f('ix_topic_status'))
        batch_op.drop_index(batch_op.f('ix_topic_source'))
        batch_op.drop_index(batch_op.f('ix_topic_proposer_person_id'))
        batch_op.drop_index(batch_op.f('ix_topic_proposer_org_id'))
        batch_op.drop_index(batch_op.f('ix_topic_format_id'))
        batch_op.drop_index(batch_op.f('ix_topic_carried_from_id'))

    op.drop_table('topic')
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_term'))
        batch_op.drop_index(batch_op.f('ix_membership_sector_id'))
        batch_op.drop_index(batch_op.f('ix_membership_role'))
        batch_op.drop_index(batch_op.f('ix_membership_person_id'))
        batch_op.drop_index(batch_op.f('ix_membership_liaison_group_id'))
        batch_op.drop_index(batch_op.f('ix_membership_level'))
        batch_op.drop_index(batch_op.f('ix_membership_committee_id'))
        batch_op.drop_index(batch_op.f('ix_membership_active'))

    op.drop_table('membership')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_party_id'))
        batch_op.drop_index(batch_op.f('ix_person_name'))
        batch_op.drop_index(batch_op.f('ix_person_mobile'))
        batch_op.drop_index(batch_op.f('ix_person_guest_category_id'))
        batch_op.drop_index(batch_op.f('ix_person_active'))

    op.drop_table('person')
