"""Find and follow: full-text search over every room's public projection, e-mail alerts and Atom feeds.

Reads only the public projections (`public.py`) of governance's rooms, staffing and procurement; nothing but
sharedservice's wiring imports it (see ../shared/design.md and tests/test_architecture.py)."""
