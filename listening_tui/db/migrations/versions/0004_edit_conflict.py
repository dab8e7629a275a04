"""edit_conflict: a version saved over a newer one is kept in the history, not written over it

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 07:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "reason IN ('edit', 'import_conflict', 'import_older', 'delete')"
_NEW = "reason IN ('edit', 'import_conflict', 'import_older', 'delete', 'edit_conflict')"


def upgrade() -> None:
    """Allow the reason edit_conflict."""
    with op.batch_alter_table("session_revisions") as batch:
        batch.drop_constraint("reason", type_="check")
        batch.create_check_constraint("reason", _NEW)


def downgrade() -> None:
    """Refuse edit_conflict again (rows with it must be gone first)."""
    with op.batch_alter_table("session_revisions") as batch:
        batch.drop_constraint("reason", type_="check")
        batch.create_check_constraint("reason", _OLD)
