"""The copy of the example bundle in tests/data matches the spec it was taken from."""

import pytest

from tests.conftest import EXAMPLE_BUNDLE, SPEC


def test_example_bundle_copy_matches_spec() -> None:
    original = SPEC / "example-bundle.json"
    if not original.exists():
        pytest.skip("shared/spec is not beside this checkout")
    assert EXAMPLE_BUNDLE.read_bytes() == original.read_bytes()
