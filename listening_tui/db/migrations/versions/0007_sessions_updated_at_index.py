"""sessions updated_at index: every save and import compares the clock with the newest
session time stored (services/clock.py); the index makes that one lookup, not a scan

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 07:45:00.000000

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Index listening_sessions.updated_at."""
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_listening_sessions_updated_at"), ["updated_at"], unique=False
        )


def downgrade() -> None:
    """Drop the index."""
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listening_sessions_updated_at"))
