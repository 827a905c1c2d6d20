"""Revision 0001, part: 专报、调研、年度计划、意见建议及其提出人、批示和状态记录."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table('bulletin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('issue_no', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('recipients', sa.String(length=300), nullable=True),
    sa.Column('introduction', sa.Text(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_bulletin_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin')),
    sa.UniqueConstraint('year', 'issue_no', name=op.f('uq_bulletin_year_issue_no'))
    )
    with op.batch_alter_table('bulletin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_issued_on'), ['issued_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulletin_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulletin_year'), ['year'], unique=False)

    op.create_table('field_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('findings', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_field_visit_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_field_visit_topic_id_topic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_visit'))
    )
    with op.batch_alter_table('field_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_visit_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_visit_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_visit_topic_id'), ['topic_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_visit_visit_date'), ['visit_date'], unique=False)

    op.create_table('plan_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('format_id', sa.Integer(), nullable=False),
    sa.Column('planned_month', sa.Integer(), nullable=True),
    sa.Column('lead_committee_id', sa.Integer(), nullable=True),
    sa.Column('undertaker', sa.String(length=200), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['format_id'], ['meeting_format.id'], name=op.f('fk_plan_item_format_id_meeting_format')),
    sa.ForeignKeyConstraint(['lead_committee_id'], ['committee.id'], name=op.f('fk_plan_item_lead_committee_id_committee')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_plan_item_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_plan_item_topic_id_topic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_item')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_plan_item_meeting_id'))
    )
    with op.batch_alter_table('plan_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_item_format_id'), ['format_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_item_lead_committee_id'), ['lead_committee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_item_topic_id'), ['topic_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_item_year'), ['year'], unique=False)

    op.create_table('aspect',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('field_visit_id', sa.Integer(), nullable=True),
    sa.Column('source_kind', sa.String(length=10), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['field_visit_id'], ['field_visit.id'], name=op.f('fk_aspect_field_visit_id_field_visit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_aspect_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aspect'))
    )
    with op.batch_alter_table('aspect', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aspect_field_visit_id'), ['field_visit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aspect_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aspect_year'), ['year'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('field_visit_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['field_visit_id'], ['field_visit.id'], name=op.f('fk_attachment_field_visit_id_field_visit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attachment_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_attachment_stored_name'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_field_visit_id'), ['field_visit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('field_visit_organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_field_visit_organization_organization_id_organization')),
    sa.ForeignKeyConstraint(['visit_id'], ['field_visit.id'], name=op.f('fk_field_visit_organization_visit_id_field_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_visit_organization')),
    sa.UniqueConstraint('visit_id', 'organization_id', name=op.f('uq_field_visit_organization_visit_id_organization_id'))
    )
    with op.batch_alter_table('field_visit_organization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_visit_organization_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_visit_organization_visit_id'), ['visit_id'], unique=False)

    op.create_table('field_visit_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_field_visit_participant_person_id_person')),
    sa.ForeignKeyConstraint(['visit_id'], ['field_visit.id'], name=op.f('fk_field_visit_participant_visit_id_field_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_visit_participant')),
    sa.UniqueConstraint('visit_id', 'person_id', name=op.f('uq_field_visit_participant_visit_id_person_id'))
    )
    with op.batch_alter_table('field_visit_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_visit_participant_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_field_visit_participant_visit_id'), ['visit_id'], unique=False)

    op.create_table('recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=10), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('field_visit_id', sa.Integer(), nullable=True),
    sa.Column('aspect_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('proposed_on', sa.Date(), nullable=True),
    sa.Column('target_org_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('reply_text', sa.Text(), nullable=True),
    sa.Column('reply_date', sa.Date(), nullable=True),
    sa.Column('feedback_text', sa.Text(), nullable=True),
    sa.Column('feedback_date', sa.Date(), nullable=True),
    sa.Column('lookback_date', sa.Date(), nullable=True),
    sa.Column('lookback_note', sa.Text(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['aspect_id'], ['aspect.id'], name=op.f('fk_recommendation_aspect_id_aspect'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['recommendation.id'], name=op.f('fk_recommendation_duplicate_of_id_recommendation')),
    sa.ForeignKeyConstraint(['field_visit_id'], ['field_visit.id'], name=op.f('fk_recommendation_field_visit_id_field_visit')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_recommendation_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['target_org_id'], ['organization.id'], name=op.f('fk_recommendation_target_org_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation'))
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_aspect_id'), ['aspect_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_duplicate_of_id'), ['duplicate_of_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_field_visit_id'), ['field_visit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_source_kind'), ['source_kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_target_org_id'), ['target_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_year'), ['year'], unique=False)

    op.create_table('bulletin_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bulletin_id'], ['bulletin.id'], name=op.f('fk_bulletin_item_bulletin_id_bulletin'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_bulletin_item_recommendation_id_recommendation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletin_item')),
    sa.UniqueConstraint('bulletin_id', 'recommendation_id', name=op.f('uq_bulletin_item_bulletin_id_recommendation_id'))
    )
    with op.batch_alter_table('bulletin_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletin_item_bulletin_id'), ['bulletin_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulletin_item_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('instruction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=True),
    sa.Column('recommendation_id', sa.Integer(), nullable=True),
    sa.Column('leader_name', sa.String(length=50), nullable=False),
    sa.Column('leader_title', sa.String(length=100), nullable=True),
    sa.Column('instructed_on', sa.Date(), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['bulletin_id'], ['bulletin.id'], name=op.f('fk_instruction_bulletin_id_bulletin')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_instruction_recommendation_id_recommendation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instruction'))
    )
    with op.batch_alter_table('instruction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instruction_bulletin_id'), ['bulletin_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_instruction_instructed_on'), ['instructed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_instruction_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('recommendation_proposer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_recommendation_proposer_person_id_person')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_recommendation_proposer_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_proposer')),
    sa.UniqueConstraint('recommendation_id', 'person_id', name=op.f('uq_recommendation_proposer_recommendation_id_person_id'))
    )
    with op.batch_alter_table('recommendation_proposer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_proposer_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_proposer_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('recommendation_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=10), nullable=True),
    sa.Column('to_status', sa.String(length=10), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('operator', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_recommendation_status_change_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_status_change'))
    )
    with op.batch_alter_table('recommendation_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_status_change_recommendation_id'), ['recommendation_id'], unique=False)


def drop() -> None:
    with op.batch_alter_table('recommendation_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_status_change_recommendation_id'))

    op.drop_table('recommendation_status_change')
    with op.batch_alter_table('recommendation_proposer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_proposer_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_proposer_person_id'))

    op.drop_table('recommendation_proposer')
    with op.batch_alter_table('instruction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instruction_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_instruction_instructed_on'))
        batch_op.drop_index(batch_op.f('ix_instruction_bulletin_id'))

    op.drop_table('instruction')
    with op.batch_alter_table('bulletin_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_item_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_bulletin_item_bulletin_id'))

    op.drop_table('bulletin_item')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_year'))
        batch_op.drop_index(batch_op.f('ix_recommendation_target_org_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_status'))
        batch_op.drop_index(batch_op.f('ix_recommendation_source_kind'))
        batch_op.drop_index(batch_op.f('ix_recommendation_outcome'))
        batch_op.drop_index(batch_op.f('ix_recommendation_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_field_visit_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_duplicate_of_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_deadline'))
        batch_op.drop_index(batch_op.f('ix_recommendation_aspect_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('field_visit_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_visit_participant_visit_id'))
        batch_op.drop_index(batch_op.f('ix_field_visit_participant_person_id'))

    op.drop_table('field_visit_participant')
    with op.batch_alter_table('field_visit_organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_visit_organization_visit_id'))
        batch_op.drop_index(batch_op.f('ix_field_visit_organization_organization_id'))

    op.drop_table('field_visit_organization')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_field_visit_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('aspect', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aspect_year'))
        batch_op.drop_index(batch_op.f('ix_aspect_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_aspect_field_visit_id'))

    op.drop_table('aspect')
    with op.batch_alter_table('plan_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_item_year'))
        batch_op.drop_index(batch_op.f('ix_plan_item_topic_id'))
        batch_op.drop_index(batch_op.f('ix_plan_item_lead_committee_id'))
        batch_op.drop_index(batch_op.f('ix_plan_item_format_id'))

    op.drop_table('plan_item')
    with op.batch_alter_table('field_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_visit_visit_date'))
        batch_op.drop_index(batch_op.f('ix_field_visit_topic_id'))
        batch_op.drop_index(batch_op.f('ix_field_visit_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_field_visit_kind'))

    op.drop_table('field_visit')
    with op.batch_alter_table('bulletin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletin_year'))
        batch_op.drop_index(batch_op.f('ix_bulletin_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_bulletin_issued_on'))

    op.drop_table('bulletin')
