"""The order of an agenda's items. Pure: works on any objects with is_exempt, position and pk."""


def numbered(items):
    """Items in agenda order (exempt items last) with their numbers set."""
    ordered = sorted(items, key=lambda i: (i.is_exempt, i.position, i.pk))
    for number, item in enumerate(ordered, start=1):
        item.number = number
    return ordered
