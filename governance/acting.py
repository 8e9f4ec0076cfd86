"""Who made a change, and why: every service that writes runs under `records_user`, so each history record
it writes names the acting user (`by`; None means the system, such as a scheduled task with no requester)
and, where the service takes one, the reason. A worker or command passes the job's requester as `by`."""

import functools
import threading

_acting = threading.local()
# The arguments through which a service takes the reason a rule asked for: a budget revision's or a
# revocation's `reason`, an agenda published late's `urgency_reason`.
REASON_ARGUMENTS = ("reason", "urgency_reason")


def records_user(service):
    """Decorates a service taking keyword arguments `by` (and optionally a reason, REASON_ARGUMENTS)."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        stack = _acting.__dict__.setdefault("stack", [])
        by = kwargs.get("by")
        reason = next((str(kwargs[name]) for name in REASON_ARGUMENTS if kwargs.get(name)), "")
        stack.append((by if by is not None and by.is_authenticated else None, reason))
        try:
            return service(*args, **kwargs)
        finally:
            stack.pop()

    wrapper.records_user = True  # tests/governance/test_every_service_names_its_acting_user.py looks for it
    return wrapper


def acting_user():
    """The user the innermost service running under `records_user` acts for (None: the system, or no service):
    for writes that bypass simple-history's signals, such as bulk_create_with_history's default_user."""
    stack = getattr(_acting, "stack", None)
    return stack[-1][0] if stack else None


def name_the_actor(sender, history_instance, **kwargs):
    """simple-history's pre_create_historical_record (connected in GovernanceConfig.ready())."""
    stack = getattr(_acting, "stack", None)
    if not stack:
        return  # not inside a service: simple-history's own rule (the request's user) stands
    by, reason = stack[-1]
    history_instance.history_user = by
    if reason and not history_instance.history_change_reason:
        # The history's reason column is simple-history's varchar(100); a longer reason (a revision's) is cut
        # to fit there, and kept whole on the record that has it.
        limit = type(history_instance)._meta.get_field("history_change_reason").max_length
        history_instance.history_change_reason = reason[:limit]
