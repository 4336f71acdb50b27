"""papermill's own execution tests (vendored, see upstream_test_execute.py), run with the stock
engine and with ours; the helpers below are papermill/tests/__init__.py."""

# Vendored from papermill 2.7.0 (the sdist on PyPI, papermill/tests/__init__.py), unchanged but
# for the imports of papermill itself (absolute instead of relative). Copyright (c) 2017,
# nteract; BSD 3-Clause License, see LICENSE-papermill beside this file.

import os

kernel_name = 'python3'


def get_notebook_path(*args):
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'notebooks', *args)


def get_notebook_dir(*args):
    return os.path.dirname(get_notebook_path(*args))
