"""audit log: who created, edited, deleted, exported, imported, erased and voted, and when

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 00:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIONS = ("created", "edited", "deleted", "restored", "exported", "imported", "erased", "voted")


def upgrade() -> None:
    """Add the audit_entries table (a new table: nothing else is touched)."""
    quoted = ", ".join(f"'{action}'" for action in ACTIONS)
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("target_kind", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=True),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.CheckConstraint(f"action IN ({quoted})", name=op.f("ck_audit_entries_action")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_audit_entries_campaign_id_campaigns"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index(
        "ix_audit_entries_campaign_newest",
        "audit_entries",
        ["campaign_id", "at", "id"],
        unique=False,
    )


def downgrade() -> None:
    """Drop the audit log."""
    op.drop_index("ix_audit_entries_campaign_newest", table_name="audit_entries")
    op.drop_table("audit_entries")
