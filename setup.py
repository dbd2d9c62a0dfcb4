# Shim for tooling that still calls setup.py; the real metadata lives in pyproject.toml (flit).
from setuptools import setup

setup()
