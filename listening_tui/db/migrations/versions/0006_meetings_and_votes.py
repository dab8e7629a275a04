"""meetings and votes: the convenor's meeting, its agenda, votes, figures, ballots,
corrections and the themes a closed vote ratified

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 06:22:00.092677

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the meeting tables."""
    op.create_table(
        "meetings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("convenor", sa.String(length=200), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("quorum", sa.Integer(), nullable=False),
        sa.Column("row_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("present >= 0", name=op.f("ck_meetings_present")),
        sa.CheckConstraint("quorum >= 0", name=op.f("ck_meetings_quorum")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_meetings_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_campaign_id"), ["campaign_id"], unique=False)

    op.create_table(
        "meeting_agenda_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.CheckConstraint("minutes >= 1", name=op.f("ck_meeting_agenda_items_minutes")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_agenda_items_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_agenda_items")),
        sa.UniqueConstraint(
            "meeting_id", "position", name=op.f("uq_meeting_agenda_items_meeting_id_position")
        ),
    )
    with op.batch_alter_table("meeting_agenda_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_agenda_items_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "votes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("statement", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "method IN ('proposal', 'dot', 'borda', 'irv')", name=op.f("ck_votes_method")
        ),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_votes_status")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_votes_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_votes_theme_id_themes"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votes")),
        sa.UniqueConstraint("meeting_id", "number", name=op.f("uq_votes_meeting_id_number")),
    )
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_votes_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_votes_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "theme_ratifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=False),
        sa.Column("vote_id", sa.Uuid(), nullable=False),
        sa.Column("ratified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_theme_ratifications_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vote_id"],
            ["votes.id"],
            name=op.f("fk_theme_ratifications_vote_id_votes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_ratifications")),
        sa.UniqueConstraint(
            "theme_id", "vote_id", name=op.f("uq_theme_ratifications_theme_id_vote_id")
        ),
    )
    with op.batch_alter_table("theme_ratifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_theme_ratifications_theme_id"), ["theme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_theme_ratifications_vote_id"), ["vote_id"], unique=False
        )

    op.create_table(
        "vote_ballots",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vote_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("preferences", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source IN ('typed', 'csv')", name=op.f("ck_vote_ballots_source")),
        sa.ForeignKeyConstraint(
            ["vote_id"],
            ["votes.id"],
            name=op.f("fk_vote_ballots_vote_id_votes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_ballots")),
        sa.UniqueConstraint("vote_id", "number", name=op.f("uq_vote_ballots_vote_id_number")),
    )
    with op.batch_alter_table("vote_ballots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_ballots_vote_id"), ["vote_id"], unique=False)

    op.create_table(
        "vote_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vote_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=20), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('correction', 'ballot_correction', 'close', 'reopen')",
            name=op.f("ck_vote_events_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["vote_id"], ["votes.id"], name=op.f("fk_vote_events_vote_id_votes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_events")),
    )
    with op.batch_alter_table("vote_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_events_vote_id"), ["vote_id"], unique=False)

    op.create_table(
        "vote_figures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vote_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_vote_figures_value")),
        sa.ForeignKeyConstraint(
            ["vote_id"],
            ["votes.id"],
            name=op.f("fk_vote_figures_vote_id_votes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_figures")),
        sa.UniqueConstraint("vote_id", "key", name=op.f("uq_vote_figures_vote_id_key")),
    )
    with op.batch_alter_table("vote_figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_figures_vote_id"), ["vote_id"], unique=False)


def downgrade() -> None:
    """Drop them."""
    with op.batch_alter_table("vote_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_figures_vote_id"))

    op.drop_table("vote_figures")
    with op.batch_alter_table("vote_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_events_vote_id"))

    op.drop_table("vote_events")
    with op.batch_alter_table("vote_ballots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_ballots_vote_id"))

    op.drop_table("vote_ballots")
    with op.batch_alter_table("theme_ratifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_ratifications_vote_id"))
        batch_op.drop_index(batch_op.f("ix_theme_ratifications_theme_id"))

    op.drop_table("theme_ratifications")
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_votes_theme_id"))
        batch_op.drop_index(batch_op.f("ix_votes_meeting_id"))

    op.drop_table("votes")
    with op.batch_alter_table("meeting_agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_agenda_items_meeting_id"))

    op.drop_table("meeting_agenda_items")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_campaign_id"))

    op.drop_table("meetings")
