"""The CIO dashboard: the shared service at a glance for a partnership and financial year. It only composes
what the apps' selectors return (finance, staffing, procurement and the governance rooms); it queries no
model of its own or of another app."""
