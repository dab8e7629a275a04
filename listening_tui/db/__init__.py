"""Everything that imports SQLAlchemy or Alembic lives here."""
