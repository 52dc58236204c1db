import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Production settings, except: plain HTTP (test client, live server) and fast hashing.

    Argon2 is the product's hasher; tests use MD5 so that hundreds of logins stay fast.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
