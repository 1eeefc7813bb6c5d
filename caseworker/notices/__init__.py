"""Notices: notice data (a plain dict) in, PDF bytes out; wording lives in resources/notices."""

from __future__ import annotations

from types import MappingProxyType

from caseworker.notices.wording import KIND_ORDER, NoticeDataError, kind_text
from caseworker.notices.writer import render

KINDS = MappingProxyType({kind: kind_text(kind)["name"] for kind in KIND_ORDER})
"""Every kind of notice, in the order an officer meets them, with its human title."""

__all__ = ["KINDS", "NoticeDataError", "render"]
