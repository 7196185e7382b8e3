"""A SHA-256 of a text, as hex: what is stored instead of a typed address, a client
address or a token, so the database never holds them."""

import hashlib


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
