"""Where the bundled binaries are, and the console scripts that run them."""

import os
import sys

_BIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin")


def binary_path(name: str = "openai-doctor") -> str:
    """The path of a bundled executable: ``openai-doctor`` or ``openai-doctor-mcp``."""
    return os.path.join(_BIN, name)


def version() -> str:
    """The version of the bundled tool (the package's own version)."""
    from importlib.metadata import version as distribution_version

    return distribution_version("openai-doctor")


def _exec(name: str) -> None:
    path = binary_path(name)
    if not os.access(path, os.X_OK):
        sys.stderr.write(
            f"openai-doctor: {path} is missing or not executable; reinstall the wheel "
            "(pip install --force-reinstall openai-doctor)\n"
        )
        sys.exit(70)
    os.execv(path, [path, *sys.argv[1:]])


def main() -> None:
    """The ``openai-doctor`` console script (and ``python -m openai_doctor``)."""
    _exec("openai-doctor")


def main_mcp() -> None:
    """The ``openai-doctor-mcp`` console script: the MCP server on standard input and output."""
    _exec("openai-doctor-mcp")
