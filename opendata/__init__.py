"""The open formats other people's tools read: OParl 1.1 and the Modern.gov-compatible web service.

Reads only the public projections (`public.py`) of governance's rooms, staffing and procurement; nothing but
sharedservice's wiring imports it (see ../shared/design.md and tests/test_architecture.py)."""
