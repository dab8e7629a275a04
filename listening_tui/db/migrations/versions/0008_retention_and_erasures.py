"""retention and erasures: a contact retention period per campaign, and a log of
erasures that names nobody

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 07:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


CHECK = "contact_retention_months BETWEEN 1 AND 120"


def upgrade() -> None:
    """Add campaigns.contact_retention_months (12 for every campaign) and the erasures table.

    Never a batch "move and copy" of campaigns on SQLite: dropping the old table
    with foreign keys on would cascade and delete every session of every campaign.
    SQLite adds a column, with its check, in place.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE campaigns ADD COLUMN contact_retention_months INTEGER NOT NULL "
            f"DEFAULT 12 CONSTRAINT ck_campaigns_contact_retention_months CHECK ({CHECK})"
        )
    else:
        op.add_column(
            "campaigns",
            sa.Column(
                "contact_retention_months",
                sa.Integer(),
                server_default=sa.text("12"),
                nullable=False,
            ),
        )
        op.create_check_constraint(
            op.f("ck_campaigns_contact_retention_months"), "campaigns", CHECK
        )
    op.create_table(
        "erasures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.CheckConstraint("kind IN ('forget', 'retention')", name=op.f("ck_erasures_kind")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_erasures_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
    )
    with op.batch_alter_table("erasures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasures_campaign_id"), ["campaign_id"], unique=False)


def downgrade() -> None:
    """Drop the erasures table and the retention column."""
    with op.batch_alter_table("erasures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasures_campaign_id"))
    op.drop_table("erasures")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE campaigns DROP COLUMN contact_retention_months")
    else:
        op.drop_constraint(
            op.f("ck_campaigns_contact_retention_months"), "campaigns", type_="check"
        )
        op.drop_column("campaigns", "contact_retention_months")
