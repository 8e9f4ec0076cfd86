"""Checks that must pass before an agenda is published, registered by the rooms above committees.

Committees knows nothing of the rooms that read it: a room whose rule bears on publication (the forward plan
of key decisions, in delegations) registers a check here when the app is ready (governance/apps.py), and
`agenda_publish` refuses while any registered check names a problem. A check is a plain function

    check(meeting, *, today) -> list[str]

returning one message per problem, each naming the item it is about (empty when all is well), so the same
messages can be shown before the officer publishes (the editor, a confirmation page) and given as the reason
publishing is refused."""

_CHECKS = []


def register_publication_check(check):
    """Adds a check (once, however often the app is made ready); usable as a decorator."""
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def publication_checks():
    return tuple(_CHECKS)


def publication_problems(meeting, *, today):
    """Every registered check's problems with publishing the meeting's agenda on `today`, in order."""
    problems = []
    for check in _CHECKS:
        problems.extend(check(meeting, today=today))
    return problems
