"""The demo ends with an up-to-date search index (sharedservice's load_demo runs each app's demo.load in turn,
engagement's after the rooms have loaded theirs)."""

from engagement.search.index import index_partnership
from governance.partners.public import partnership_rows


def load(stdout=None):
    total = 0
    for p in partnership_rows():
        documents, _, _ = index_partnership(p, read_files=True)
        total += documents
    if stdout:
        stdout.write(f"Search: {total} public documents indexed.")
    return total
