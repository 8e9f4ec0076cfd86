"""Sign-in throttling helpers (django-axes)."""

# The longest username a user can have (django.contrib.auth's User.username). django-axes records the username
# a failed sign-in gave in columns of 255 characters; a longer one names no user, so it is cut to this length
# before it is recorded or looked up (one record for every over-long guess with the same start).
USERNAME_LENGTH = 150


def axes_username(request, credentials=None):
    """The username django-axes throttles on: the one given at sign-in, cut to the longest a user can have."""
    source = credentials if credentials else getattr(request, "POST", {})
    value = source.get("username", "") if hasattr(source, "get") else ""
    return str(value or "")[:USERNAME_LENGTH]
