"""Reports-to lines and post holders' FTE over time. Pure: no Django here; posts are plain ids."""

from datetime import date


def reports_to_loop(post_id, new_manager_id, manager_of: dict) -> list | None:
    """The loop that making `new_manager_id` the manager of `post_id` would close, as the ids round it
    (starting with post_id), or None when there would be no loop. `manager_of` maps each post id to its
    current manager's id (or None)."""
    chain = [post_id]
    current = new_manager_id
    seen = {post_id}
    while current is not None:
        if current in seen:
            return chain
        chain.append(current)
        seen.add(current)
        current = manager_of.get(current)
    return None


def peak_fte(spells) -> tuple:
    """The highest total FTE held at once by spells of (fte, start, end or None), and the first day it is
    reached: (Decimal or 0, date or None)."""
    events = []
    for fte, start, end in spells:
        events.append((start, 1, fte))
        if end is not None:
            events.append((date.fromordinal(end.toordinal() + 1), 0, fte))
    # On one day, spells that end (kind 0) are counted off before those that start (kind 1).
    events.sort(key=lambda e: (e[0], e[1]))
    total, best, when = 0, 0, None
    for day, kind, fte in events:
        total = total + fte if kind else total - fte
        if total > best:
            best, when = total, day
    return best, when


def tree(nodes, manager_of: dict):
    """Nodes arranged under their managers: a list of (node id, [children...]) for the roots (posts with
    no manager among `nodes`), children in the order given. Ids are taken from `nodes` (an ordered list)."""
    present = set(nodes)
    children = {n: [] for n in nodes}
    roots = []
    for n in nodes:
        m = manager_of.get(n)
        if m is not None and m in present and m != n:
            children[m].append(n)
        else:
            roots.append(n)

    def build(n, depth=0):
        return (n, [build(c, depth + 1) for c in children[n]])

    return [build(r) for r in roots]
