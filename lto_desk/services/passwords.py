"""The passwords the program asks a person for (the database server's, the mail
account's): what a prompt shows; the keyring keeps them (``store.secrets``)."""

from __future__ import annotations

from ..store.secrets import Ask, SecretRequest

__all__ = ["Ask", "SecretRequest"]
