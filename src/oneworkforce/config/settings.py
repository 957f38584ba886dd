"""Settings: the only module that reads environment variables."""

SECRET_KEY = "bootstrap"
INSTALLED_APPS: list[str] = []
