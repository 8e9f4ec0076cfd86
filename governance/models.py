"""The governance app's models live in its rooms; Django finds them through this module.

`from governance.models import X` keeps working for other apps. Rooms import their own and lower rooms'
`models` modules directly, never this one (it imports every room)."""

from governance.committees.models import (  # noqa: F401
    Action,
    AgendaChange,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    ChairAppointment,
    Declaration,
    Deputation,
    Meeting,
    MinuteEntry,
    PublishedAgenda,
    PublishedItem,
    Resolution,
    TermsOfReference,
    Withdrawal,
)
from governance.delegations.models import (  # noqa: F401
    DecisionRule,
    DecisionShare,
    Delegation,
    ExecutiveDecision,
    ForwardPlanEntry,
    Office,
    OfficerDecision,
    ParallelDecision,
    Subject,
    Urgency,
)
from governance.jobs.models import Job  # noqa: F401
from governance.papers.models import AgendaPack, Appendix, RenderedPart, Report  # noqa: F401
from governance.partners.models import (  # noqa: F401
    RESERVED_SLUGS,
    Council,
    HostAuthority,
    Membership,
    Partnership,
    Person,
    RoleAssignment,
)
from governance.portfolio.models import (  # noqa: F401
    CoChair,
    GatewayAssessment,
    HighlightReport,
    Programme,
    Project,
    Risk,
)
