"""conclusions: the recorder's overall and per-theme conclusions and the quotes chosen for them

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 09:00:00

A chosen quote names its quote by session and exact text (quote rows are
written again when a session is edited), and says whom it is chosen for:
``decision_makers`` (printed in the report) or ``meeting`` (read out at the
ratification meeting only).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create campaign_conclusions, theme_conclusions and chosen_quotes."""
    op.create_table(
        "campaign_conclusions",
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_conclusions_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", name=op.f("pk_campaign_conclusions")),
    )
    op.create_table(
        "chosen_quotes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=True),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("quote_text", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "purpose IN ('decision_makers', 'meeting')", name=op.f("ck_chosen_quotes_purpose")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_chosen_quotes_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["listening_sessions.id"],
            name=op.f("fk_chosen_quotes_session_id_listening_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_chosen_quotes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chosen_quotes")),
    )
    with op.batch_alter_table("chosen_quotes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chosen_quotes_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_chosen_quotes_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_chosen_quotes_theme_id"), ["theme_id"], unique=False)
    op.create_table(
        "theme_conclusions",
        sa.Column("theme_id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_theme_conclusions_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_theme_conclusions_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("theme_id", name=op.f("pk_theme_conclusions")),
    )
    with op.batch_alter_table("theme_conclusions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_theme_conclusions_campaign_id"), ["campaign_id"], unique=False
        )


def downgrade() -> None:
    """Drop the three tables."""
    with op.batch_alter_table("theme_conclusions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_conclusions_campaign_id"))
    op.drop_table("theme_conclusions")
    with op.batch_alter_table("chosen_quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chosen_quotes_theme_id"))
        batch_op.drop_index(batch_op.f("ix_chosen_quotes_session_id"))
        batch_op.drop_index(batch_op.f("ix_chosen_quotes_campaign_id"))
    op.drop_table("chosen_quotes")
    op.drop_table("campaign_conclusions")
