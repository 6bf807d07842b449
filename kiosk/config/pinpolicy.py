"""Which PINs are too easy to guess: refused before they are ever hashed.

A 6-digit PIN has a million values, but people choose from far fewer: repeated digits,
runs on the keypad, and a short list of favourites cover a large share of real PINs
(Bonneau, Preibusch, Anderson, "A birthday present every eleven wallets? The security of
customer-chosen banking PINs", FC 2012). The lockout stops online guessing; this stops the
first few guesses from being the right ones.
"""

from __future__ import annotations

MIN_LEN, MAX_LEN = 6, 12

#: favourites and keypad shapes (rows, columns, diagonals, crosses on a 3x3+0 keypad), and
#: well-known numbers; repeats and runs are caught by rule, not listed
COMMON = frozenset("""
000123 010203 101010 102030 100200 112233 112358 121314 123321 123654 124578 131313 135790
141414 147258 147852 147369 159357 159753 171717 181818 191919 200000 100000 202020 212121
246810 258456 258369 258852 271828 314159 321654 357159 369258 369369 420420 456123 456654
520520 521521 555666 654123 666777 696969 741852 741963 753159 753951 777888 789456 789123
852456 852369 951357 951753 963852 987321 998877 101101 110110 111222 222333 123789 147963
""".split())


class WeakPin(ValueError):
    """A PIN the policy refuses; the message says why (never repeats the PIN)."""


def _step(digits: list[int]) -> int | None:
    """The constant difference (mod 10) between consecutive digits, if there is one."""
    steps = {(b - a) % 10 for a, b in zip(digits, digits[1:], strict=False)}
    return steps.pop() if len(steps) == 1 else None


def check_pin_policy(pin: str, *, staff_id: str | None = None) -> None:
    """Raise WeakPin unless `pin` is 6 to 12 digits and not an easy guess."""
    if not (pin.isascii() and pin.isdigit() and MIN_LEN <= len(pin) <= MAX_LEN):
        raise WeakPin(f"a PIN must be {MIN_LEN} to {MAX_LEN} digits")
    digits = [int(c) for c in pin]
    if len(set(digits)) == 1:
        raise WeakPin("a PIN of one repeated digit is too easy to guess")
    if _step(digits) in (1, 9):
        raise WeakPin("a run of consecutive digits (like 123456 or 987654) is too easy to "
                      "guess")
    for period in range(2, len(pin) // 2 + 1):
        if pin == (pin[:period] * len(pin))[:len(pin)]:
            raise WeakPin("a PIN that repeats a short pattern (like 121212 or 123123) is too "
                          "easy to guess")
    if len(set(digits)) <= 2:
        raise WeakPin("a PIN needs at least three different digits")
    if pin in COMMON or pin[::-1] in COMMON:
        raise WeakPin("this PIN is on the list of the most common PINs")
    if pin == pin[::-1] and len(set(digits)) <= len(pin) // 2:
        raise WeakPin("a mirrored PIN (like 123321) is too easy to guess")
    if staff_id:
        own = "".join(c for c in staff_id if c.isdigit())
        if len(own) >= 4 and own in pin:
            raise WeakPin("a PIN must not contain the digits of the staff ID")
