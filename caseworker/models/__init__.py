"""The data model: SQLAlchemy tables for the whole program (no Qt here)."""

from caseworker.models.base import Base
from caseworker.models.cases import (
                                     FLAGS,
                                     Assignment,
                                     Case,
                                     CaseBalance,
                                     CaseParty,
                                     CourtOrder,
                                     Term,
                                     term_supersedes,
)
from caseworker.models.finance import APPEND_ONLY_TABLES, Adjustment, Approval, Arrangement, Payment
from caseworker.models.people import (
                                     Address,
                                     Alias,
                                     Asset,
                                     BankAccount,
                                     Employer,
                                     Identifier,
                                     IncomeSource,
                                     Person,
                                     Phone,
                                     Role,
                                     User,
)
from caseworker.models.work import (
                                     RECORD_KINDS,
                                     AuditEvent,
                                     EnforcementAction,
                                     Notice,
                                     RecordEntry,
                                     Referral,
                                     Setting,
                                     Stay,
                                     Task,
)

__all__ = [
    "APPEND_ONLY_TABLES", "FLAGS", "RECORD_KINDS", "Address", "Adjustment", "Alias", "Approval",
    "Arrangement", "Asset", "Assignment", "AuditEvent", "Base", "BankAccount", "Case",
    "CaseBalance", "CaseParty", "CourtOrder", "Employer", "EnforcementAction", "Identifier",
    "IncomeSource", "Notice", "Payment", "Person", "Phone", "RecordEntry", "Referral", "Role",
    "Setting", "Stay", "Task", "Term", "User", "term_supersedes",
]
