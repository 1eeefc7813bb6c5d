"""Who is acting, and what each role may do."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import Role, User
from caseworker.services.errors import NotFound, PermissionDenied

# What each role may do; the services check this, never the widgets.
RIGHTS: dict[str, frozenset[str]] = {
    Role.OFFICER: frozenset({"read", "write_record", "edit_file", "post_money", "issue_notice"}),
    Role.INVESTIGATOR: frozenset({"read", "write_record", "edit_file"}),
    Role.SUPERVISOR: frozenset({"read", "write_record", "edit_file", "post_money",
                                "issue_notice", "approve", "reassign", "read_team"}),
    Role.ADMINISTRATOR: frozenset({"read", "write_record", "manage_users", "read_team"}),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in user, carried into every service call."""

    user_id: int
    username: str
    full_name: str
    role: str
    team: str | None

    def may(self, right: str) -> bool:
        return right in RIGHTS.get(self.role, frozenset())

    def require(self, right: str) -> None:
        if not self.may(right):
            article = "an" if self.role[:1] in "aeiou" else "a"
            raise PermissionDenied(f"{article} {self.role} may not {right.replace('_', ' ')}")


def actor_for(session: Session, username: str) -> Actor:
    """The Actor of a user by name; unknown or inactive users are refused."""
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None or not user.active:
        raise NotFound(f"no active user named {username!r}")
    return Actor(user.id, user.username, user.full_name, user.role, user.team)
