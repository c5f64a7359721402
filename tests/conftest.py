import os

import pytest


@pytest.fixture(autouse=True)
def _language_back_to_chinese():
    """A test that switches nnlib to English (the English edition's tests, the core's messages
    matched in English) does not leak it into the next test."""
    yield
    import nnlib
    nnlib.set_language("zh")


@pytest.fixture
def english():
    """nnlib speaking English for one test: `pytestmark = pytest.mark.usefixtures("english")`."""
    import nnlib
    nnlib.set_language("en")
    yield
    nnlib.set_language("zh")


def pytest_collection_modifyitems(config, items):
    # tasks.py sets NNLIB_SKIP_BROWSER when it could not get Debian's chromium; a bare `pytest`
    # on a machine without it skips the browser tests the same way
    if os.environ.get("NNLIB_SKIP_BROWSER") or not os.path.exists("/usr/bin/chromium"):
        skip = pytest.mark.skip(reason="no /usr/bin/chromium (install Debian's chromium package)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)
