"""Vietnamese text input without a physical keyboard: tone and vowel marks on the last word.

The kiosk's on-screen keyboard types plain letters, then the citizen taps a mark key (ă â ê ô
ơ ư đ, or one of the five tones). `apply_tone` puts the tone on the right vowel of the word
being typed, following the placement rules used in official documents ("hóa", "thủy", "người",
"quốc", "giữa"), so the text matches what the back office stores. Pure functions, no Qt: the
keyboard widget in ui/ calls them and they are tested here.
"""

from __future__ import annotations

import unicodedata

# Combining marks of the five tones (the sixth, "ngang", has none).
TONES = {
    "sac": "\u0301",   # á
    "huyen": "\u0300",  # à
    "hoi": "\u0309",   # ả
    "nga": "\u0303",   # ã
    "nang": "\u0323",  # ạ
}
_TONE_MARKS = set(TONES.values())

# Vowel shapes: base letter -> shaped letter for each shape key.
SHAPES = {
    "breve": {"a": "ă", "A": "Ă"},
    "circumflex": {"a": "â", "A": "Â", "e": "ê", "E": "Ê", "o": "ô", "O": "Ô"},
    "horn": {"o": "ơ", "O": "Ơ", "u": "ư", "U": "Ư"},
    "stroke": {"d": "đ", "D": "Đ"},
}

_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_PRIORITY = set("ăâêôơưĂÂÊÔƠƯ")


def _strip_tone(ch: str) -> tuple[str, str | None]:
    decomposed = unicodedata.normalize("NFD", ch)
    tone = next((c for c in decomposed if c in _TONE_MARKS), None)
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone


def _word_bounds(text: str) -> tuple[int, int]:
    end = len(text)
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start, end


def _tone_position(word: str) -> int | None:
    """Index of the vowel that carries the tone in `word` (tones already stripped)."""
    lower = word.lower()
    idx = [i for i, c in enumerate(word) if c in _VOWELS]
    if not idx:
        return None
    # "qu" and "gi" + vowel: the u / i belong to the consonant.
    if lower.startswith("qu") and len(idx) > 1 and idx[0] == 1:
        idx = idx[1:]
    elif lower.startswith("gi") and len(idx) > 1 and idx[0] == 1:
        idx = idx[1:]
    # the vowel cluster is the first run of consecutive vowel positions
    cluster = [idx[0]]
    for i in idx[1:]:
        if i == cluster[-1] + 1:
            cluster.append(i)
        else:
            break
    shaped = [i for i in cluster if word[i] in _PRIORITY]
    if shaped:
        # "ươ" carries the tone on ơ: the last shaped vowel
        return shaped[-1]
    if len(cluster) == 1:
        return cluster[0]
    ends_with_consonant = cluster[-1] < len(word) - 1
    if len(cluster) == 3:
        # "nguyện", "khuyến": last before a final consonant; "ngoài", "xoáy": middle otherwise
        return cluster[-1] if ends_with_consonant else cluster[1]
    if ends_with_consonant:
        return cluster[-1]  # "toàn", "hoàng", "thuận"
    # two vowels ending the word: oa, oe, uy keep the tone on the first ("hóa", "thủy")
    return cluster[0]


def apply_tone(text: str, tone: str | None) -> str:
    """Put `tone` (a key of TONES, or None to remove) on the last word of `text`."""
    start, end = _word_bounds(text)
    word = text[start:end]
    if not word:
        return text
    bare = "".join(_strip_tone(c)[0] for c in word)
    pos = _tone_position(bare)
    if pos is None:
        return text
    if tone is None:
        new_word = bare
    else:
        mark = TONES[tone]
        toned = unicodedata.normalize("NFC", bare[pos] + mark)
        new_word = bare[:pos] + toned + bare[pos + 1:]
    return text[:start] + new_word + text[end:]


def apply_shape(text: str, shape: str) -> str:
    """Reshape the last matching letter of the last word (a -> â, o -> ơ, d -> đ ...)."""
    table = SHAPES[shape]
    start, end = _word_bounds(text)
    for i in range(end - 1, start - 1, -1):
        base, tone = _strip_tone(text[i])
        if base in table:
            new = table[base]
            if tone:
                new = unicodedata.normalize("NFC", new + tone)
            return text[:i] + new + text[i + 1:]
    return text


def normalise(text: str) -> str:
    """NFC, single spaces, no leading/trailing space: how names and addresses are compared."""
    return " ".join(unicodedata.normalize("NFC", text).split())
