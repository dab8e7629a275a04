"""issues.text_key (the normalised text that groups unthemed issues) and the ranking's index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 04:10:00

SQL can't case-fold portably, so the key is computed in Python: here for the
rows already stored (in batches, keyset-paged by id), and by the application
whenever it writes an issue. The rule is copied, not imported, so that this
migration keeps meaning what it meant when it was written.

``ix_issues_best_issue`` serves services.analysis.ranked_issues: it covers a
session's issues in order with their group and answer.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000

issues = sa.table(
    "issues",
    sa.column("id", sa.Uuid()),
    sa.column("text", sa.String(500)),
    sa.column("text_key", sa.Text()),
)


def _normalise(text: str) -> str:
    """spec/ranking.md: trimmed, case-folded, white space collapsed, one final . ! ? removed."""
    normalised = " ".join(text.strip().casefold().split())
    if normalised and normalised[-1] in ".!?":
        normalised = normalised[:-1]
    return normalised


def _backfill() -> None:
    bind = op.get_bind()
    update = (
        issues.update()
        .where(issues.c.id == sa.bindparam("issue_id"))
        .values(text_key=sa.bindparam("key"))
    )
    last = None
    while True:
        page = sa.select(issues.c.id, issues.c.text).order_by(issues.c.id).limit(BATCH)
        if last is not None:
            page = page.where(issues.c.id > last)
        rows = bind.execute(page).all()
        if not rows:
            return
        bind.execute(update, [{"issue_id": row.id, "key": _normalise(row.text)} for row in rows])
        last = rows[-1].id


def upgrade() -> None:
    """Add the column, fill it, then make it required and index it."""
    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_key", sa.Text(), nullable=True))
    _backfill()
    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.alter_column("text_key", existing_type=sa.Text(), nullable=False)
        batch_op.create_index(batch_op.f("ix_issues_text_key"), ["text_key"], unique=False)
        batch_op.create_index(
            "ix_issues_best_issue",
            ["session_id", "position", "theme_id", "key_issue", "text_key"],
            unique=False,
        )


def downgrade() -> None:
    """Drop the indexes and the column."""
    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.drop_index("ix_issues_best_issue")
        batch_op.drop_index(batch_op.f("ix_issues_text_key"))
        batch_op.drop_column("text_key")
