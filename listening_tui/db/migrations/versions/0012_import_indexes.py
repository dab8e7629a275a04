"""import indexes: drop the single-column session_id indexes of issues, interviewees,
quotes and references, each the first column of the table's unique (session_id,
position) index, which answers every lookup by session (and ON DELETE CASCADE)

Every import and save wrote four b-trees that no query needed: about 16 MB of
a 180 MB database of 50,000 sessions, and their share of the writing.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 00:30:00

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("issues", "interviewees", "quotes", "session_references")


def upgrade() -> None:
    """Drop the indexes; no batch, no table is copied (others point at none of these)."""
    for table in TABLES:
        op.drop_index(op.f(f"ix_{table}_session_id"), table_name=table)


def downgrade() -> None:
    """Create them again."""
    for table in TABLES:
        op.create_index(op.f(f"ix_{table}_session_id"), table, ["session_id"], unique=False)
