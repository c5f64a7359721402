import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("NNLIB_SKIP_BROWSER"):
        skip = pytest.mark.skip(reason="no /usr/bin/chromium (install Debian's chromium package)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)
