"""The Account tab's figures wrap in a narrow file view instead of widening it."""

from __future__ import annotations

from caseworker.ui.main_window import SPLIT


def test_the_account_tab_needs_no_more_than_the_file_views_share(account):
    assert account.grid.values  # the figures are there to lay out
    assert account.minimumSizeHint().width() <= SPLIT[1]


def test_in_a_narrow_file_view_the_figure_groups_stack(qtbot, file_view, account):
    wide = account.grid.height()
    file_view.resize(SPLIT[1], 800)
    qtbot.waitUntil(lambda: account.grid.height() > wide)
    shown = account.grid.values.values()
    assert all(label.visibleRegion().boundingRect().width() == label.width() for label in shown)
