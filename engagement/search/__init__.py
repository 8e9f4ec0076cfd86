"""Full-text search of every public document of a partnership (see index.py and query.py).

search_documents(partnership, *, query, filters=None, since=None, order="newest", limit=50)
    -> list[SearchResult]
index_partnership(partnership, *, read_files=False) -> (documents, written, deleted)
"""

from .index import index_partnership
from .query import SearchResult, search_documents, search_hits

__all__ = ["SearchResult", "index_partnership", "search_documents", "search_hits"]
