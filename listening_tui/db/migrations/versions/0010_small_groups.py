"""small groups: the fewest people heard for a subgroup to be named outside

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 00:05:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


CHECK = "small_group_k BETWEEN 1 AND 50"


def upgrade() -> None:
    """Add campaigns.small_group_k (5 for every campaign).

    Never a batch "move and copy" of campaigns on SQLite: dropping the old table
    with foreign keys on would cascade and delete every session of every campaign.
    SQLite adds a column, with its check, in place.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE campaigns ADD COLUMN small_group_k INTEGER NOT NULL "
            f"DEFAULT 5 CONSTRAINT ck_campaigns_small_group_k CHECK ({CHECK})"
        )
    else:
        op.add_column(
            "campaigns",
            sa.Column("small_group_k", sa.Integer(), server_default=sa.text("5"), nullable=False),
        )
        op.create_check_constraint(op.f("ck_campaigns_small_group_k"), "campaigns", CHECK)


def downgrade() -> None:
    """Drop the column."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE campaigns DROP COLUMN small_group_k")
    else:
        op.drop_constraint(op.f("ck_campaigns_small_group_k"), "campaigns", type_="check")
        op.drop_column("campaigns", "small_group_k")
