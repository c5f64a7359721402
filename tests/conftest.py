import os

import pytest


def pytest_collection_modifyitems(config, items):
    # tasks.py sets NNLIB_SKIP_BROWSER when it could not get Debian's chromium; a bare `pytest`
    # on a machine without it skips the browser tests the same way
    if os.environ.get("NNLIB_SKIP_BROWSER") or not os.path.exists("/usr/bin/chromium"):
        skip = pytest.mark.skip(reason="no /usr/bin/chromium (install Debian's chromium package)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)
