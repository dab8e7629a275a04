"""ranking indexes: the ranking reads each group's issues in order, and each of their
sessions from one index, so that SQLite groups without sorting (db/ranking.py)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 00:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNTHEMED = "theme_id IS NULL"


def upgrade() -> None:
    """A theme's issues by session, unthemed issues by text, sessions' ranked columns.

    The first replaces ix_issues_theme_id, of which it is an extension. Plain
    CREATE INDEX on both backends: no batch "move and copy" of tables that
    others point at with ON DELETE CASCADE.
    """
    op.create_index(
        "ix_issues_theme_sessions",
        "issues",
        ["theme_id", "session_id", "position", "key_issue"],
    )
    op.drop_index("ix_issues_theme_id", table_name="issues")
    op.create_index(
        "ix_issues_unthemed",
        "issues",
        ["theme_id", "text_key", "session_id", "position", "key_issue"],
        sqlite_where=sa.text(UNTHEMED),
        postgresql_where=sa.text(UNTHEMED),
    )
    op.create_index(
        "ix_listening_sessions_ranking",
        "listening_sessions",
        ["id", "campaign_id", "participant_count", "would_act", "subgroup", "created_at"],
    )


def downgrade() -> None:
    """Drop the three indexes and restore ix_issues_theme_id."""
    op.drop_index("ix_listening_sessions_ranking", table_name="listening_sessions")
    op.drop_index("ix_issues_unthemed", table_name="issues")
    op.create_index("ix_issues_theme_id", "issues", ["theme_id"])
    op.drop_index("ix_issues_theme_sessions", table_name="issues")
