"""A damaged database file is refused with one line naming the damage, never a traceback."""

import shutil

import pytest

from caseworker.models.db import DatabaseError, open_database

PAGE = 4096


@pytest.fixture
def copy(tiny_db_file, tmp_path):
    path = tmp_path / "damaged.sqlite"
    shutil.copy(tiny_db_file, path)
    assert path.stat().st_size > 16 * PAGE  # big enough to damage in the middle
    return path


def test_a_file_cut_after_its_first_8_kb_is_damaged(copy):
    data = copy.read_bytes()
    copy.write_bytes(data[:8192])
    with pytest.raises(DatabaseError, match=r"damaged\.sqlite: is damaged \(.+\); restore"):
        open_database(copy)


def test_a_file_cut_in_half_is_damaged(copy):
    data = copy.read_bytes()
    copy.write_bytes(data[:len(data) // 2])
    with pytest.raises(DatabaseError, match=r"damaged\.sqlite: is damaged \(.+\); restore"):
        open_database(copy)


def test_a_file_with_pages_overwritten_is_damaged(copy):
    data = bytearray(copy.read_bytes())
    for page in range(2, len(data) // PAGE, 3):   # every third page from the third on
        data[page * PAGE:(page + 1) * PAGE] = bytes([0xA5]) * PAGE
    copy.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match=r"damaged\.sqlite: is damaged \(.+\); restore"):
        open_database(copy)


def test_a_damaged_file_is_not_written_to(copy):
    data = copy.read_bytes()[:8192]
    copy.write_bytes(data)
    with pytest.raises(DatabaseError):
        open_database(copy)
    assert copy.read_bytes() == data
    assert sorted(p.name for p in copy.parent.iterdir()) == ["damaged.sqlite"]
