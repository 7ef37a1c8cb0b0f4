"""Development: DEBUG on, a fixed throwaway secret unless one is given, console email."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A development-only key: production.py refuses to start without SECRET_KEY from the environment.
SECRET_KEY = env("SECRET_KEY", default="development-only-not-secret")
