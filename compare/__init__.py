"""outlet-compare: how outlets report the same diplomatic event."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("outlet-compare")
except PackageNotFoundError:  # running from a checkout without install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
