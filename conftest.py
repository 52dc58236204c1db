import pytest
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Production settings, except: plain HTTP (test client, live server) and fast hashing.

    Session-scoped so that the live server of the browser tests, which starts once per
    session, gets them too. Argon2 is the product's hasher; tests use MD5 so that hundreds of
    logins stay fast.
    """
    from django.conf import settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """No test sees a page another test cached (the anonymous catalogue is cached)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
