"""The shortcuts of the bulk writes give exactly what the slow way gives."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import DateTime, Uuid
from sqlalchemy.dialects import postgresql, sqlite

from listening_tui.db.base import UTCDateTime
from listening_tui.db.bulk import _converter
from listening_tui.db.ids import ascending_ids

SQLITE = sqlite.dialect()

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
moments = st.datetimes(
    min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31), timezones=offsets
)


def _two_steps(value: datetime) -> str:
    """process_bind_param, then SQLAlchemy's own SQLite DATETIME processor."""
    stored = DateTime(timezone=True).dialect_impl(SQLITE).bind_processor(SQLITE)
    assert stored is not None
    text = stored(UTCDateTime().process_bind_param(value, SQLITE))
    assert isinstance(text, str)
    return text


@given(moments)
def test_the_sqlite_shortcut_writes_what_sqlalchemy_would(value: datetime) -> None:
    process = UTCDateTime().bind_processor(SQLITE)
    assert process is not None
    assert process(value) == _two_steps(value)


def test_the_shortcut_pads_years_and_microseconds_like_sqlalchemy() -> None:
    process = UTCDateTime().bind_processor(SQLITE)
    assert process is not None
    early = datetime(999, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert process(early) == _two_steps(early) == "0999-03-04 05:06:07.000000"
    assert process(None) is None


def test_postgresql_keeps_the_two_steps() -> None:
    dialect = postgresql.dialect()
    process = UTCDateTime().bind_processor(dialect)
    moment = datetime(2026, 11, 3, 19, 5, tzinfo=timezone(timedelta(hours=2)))
    value = process(moment) if process is not None else moment
    assert value == moment
    assert value.utcoffset() == timedelta(0)


def test_new_ids_ascend_across_calls_and_are_version_7() -> None:
    made = [*ascending_ids(1000), *ascending_ids(1), *ascending_ids(500)]
    assert made == sorted(made)
    assert [new.hex for new in made] == sorted(new.hex for new in made)
    assert len(set(made)) == len(made)
    assert {(new.version, new.variant) for new in made} == {(7, uuid.RFC_4122)}


def test_new_ids_carry_the_time_they_were_made() -> None:
    before = datetime.now(UTC)
    (made,) = ascending_ids(1)
    moment = datetime.fromtimestamp((made.int >> 80) / 1000, UTC)
    assert before - timedelta(seconds=1) <= moment <= datetime.now(UTC)


@given(st.lists(st.one_of(st.none(), st.uuids()), max_size=20).map(lambda v: v + v[:3]))
def test_uuid_columns_become_the_text_sqlalchemy_writes(values: list[uuid.UUID | None]) -> None:
    convert = _converter(Uuid(), SQLITE)
    process = Uuid().dialect_impl(SQLITE).bind_processor(SQLITE)
    assert convert is not None
    assert process is not None
    assert list(convert(values)) == [process(value) for value in values]
