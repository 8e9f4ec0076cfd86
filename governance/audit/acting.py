"""Who made a change, and why: every service that writes runs under `records_user`, so each history record
it writes names the acting user (`by`; None means the system, such as a scheduled task with no requester)
and, where the service takes one, the reason. A worker or command passes the job's requester as `by`."""

import functools
import threading

from simple_history.signals import pre_create_historical_record

_acting = threading.local()


def records_user(service):
    """Decorates a service taking keyword arguments `by` (and optionally `reason`)."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        stack = _acting.__dict__.setdefault("stack", [])
        by = kwargs.get("by")
        stack.append((by if by is not None and by.is_authenticated else None, kwargs.get("reason") or ""))
        try:
            return service(*args, **kwargs)
        finally:
            stack.pop()

    return wrapper


def _name_the_actor(sender, history_instance, **kwargs):
    stack = getattr(_acting, "stack", None)
    if not stack:
        return  # not inside a service: simple-history's own rule (the request's user) stands
    by, reason = stack[-1]
    history_instance.history_user = by
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason


pre_create_historical_record.connect(_name_the_actor, dispatch_uid="governance.audit.acting")
