"""The chip ID kiosk's application layer: the citizen session, the reading service, face,
identity, forms, storage and the `kiosk` command (see docs/architecture.md)."""

#: The release (pyproject.toml's version; tests/kiosk/cli/test_cli.py checks they agree).
__version__ = "0.1.0"
