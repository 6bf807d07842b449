"""Turn whatever a parser library raises on hostile bytes into `ParseError`.

asn1crypto parses lazily and raises ValueError, TypeError, KeyError, IndexError ... from deep
inside; card data is attacker-controlled, so every LDS parser funnels through `parsing()`
and callers only ever see `icao.errors.ParseError` (ICAO 9303-10 says nothing about
robustness; we do).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from icao.errors import IcaoError, ParseError

_LIBRARY_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError,
                   OverflowError, UnicodeError, RecursionError, AssertionError, LookupError)


@contextmanager
def parsing(what: str, step: str = "lds") -> Iterator[None]:
    """Raise ParseError naming `what` (a file name, never its content) on any failure."""
    try:
        yield
    except IcaoError:
        raise
    except _LIBRARY_ERRORS as exc:
        raise ParseError(f"{what} is malformed ({type(exc).__name__})", step=step) from None
