"""What people type, for the fuzz tests: random unicode, near-valid mistakes,
valid input, and the check that a refusal is a clear message, not a crash.

Also the example budget (shorter by default, the full count with
``pytest --run-slow``) and the tally the fuzz conftest prints at the end.
"""

from __future__ import annotations

import collections
import re
import unicodedata

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from lto_desk.domain.errors import InvalidInput, LtoError

#: How many times more examples ``--run-slow`` (the "full" profile) runs.
FULL_FACTOR = 16

#: Examples run per parser in this session, read by tests/fuzz/conftest.py.
TALLY: collections.Counter[str] = collections.Counter()


def budget(examples: int, full_factor: int = FULL_FACTOR) -> settings:
    """Hypothesis settings for ``examples`` examples by default, ``full_factor``
    times more under the "full" profile (``--run-slow``). No deadline: a shared CI
    machine is slow at random moments, and a slow example is not a bug."""
    full = settings.get_current_profile_name() == "full"
    return settings(
        max_examples=examples * (full_factor if full else 1),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def ran(parser: str) -> None:
    TALLY[parser] += 1


# -- random and awkward characters ---------------------------------------------

#: Characters that trip parsers: bidi controls, zero-width and odd spaces, NUL and
#: other controls, full-width and Arabic-Indic digits, minus signs, currency.
AWKWARD = (
    "\u200f\u200e\u202e\u202d\u2066\u2069\u061c"  # right-to-left marks and overrides
    "\u200b\u200c\u200d\ufeff\u2060"  # zero-width
    "\x00\x07\x1b\x7f\t\n\r\x0b\x0c\x85\u2028\u2029"  # controls and line breaks
    "\xa0\u2009\u202f\u3000"  # no-break, thin and ideographic spaces
    "０１２３４５６７８９．，"  # full-width
    "٠١٢٣٤٥٦٧٨٩٫٬۴"  # Arabic-Indic
    "𝟎𝟗²½"  # other digits and numbers
    "-−–—+()$€£¥¢,.%#*/:;'\"`~^\\|<>{}[]@&!?="
    "eEiIoOqQxX ßﬀİıÅé\u0301ñ😀👨\u200d👩"
)

awkward_text = st.text(alphabet=st.sampled_from(AWKWARD), max_size=30)


def repeated(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A piece repeated into a huge string (a paste gone wrong): 500 to 6,000 copies."""
    return st.builds(lambda piece, n: piece * n, pieces, st.integers(min_value=500, max_value=6000))


huge_text = repeated(st.one_of(st.sampled_from(["9", "1,", "a", " ", "\u200b", "٣", "€", "0."]), st.text(min_size=1, max_size=4)))


def mutated(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A valid input with one slip: a character inserted, dropped, replaced or doubled."""

    @st.composite
    def slip(draw) -> str:
        text = draw(valid)
        at = draw(st.integers(min_value=0, max_value=len(text)))
        char = draw(st.one_of(st.sampled_from(AWKWARD), st.characters()))
        how = draw(st.sampled_from(["insert", "drop", "replace", "double", "pad"]))
        if how == "insert":
            return text[:at] + char + text[at:]
        if how == "drop":
            return text[:at] + text[at + 1:]
        if how == "replace":
            return text[:at] + char + text[at + 1:]
        if how == "double":
            return text[:at] + text[at:] * 2
        return char + text + char

    return slip()


def typed(valid: st.SearchStrategy[str], near: list[str] = ()) -> st.SearchStrategy[str]:
    """Anything a person (or a paste) may put in a field: random unicode (no lone
    surrogates: a keyboard cannot type one), awkward characters, huge strings, the
    near-valid ``near`` cases, slips on valid input, and valid input itself."""
    parts = [
        st.text(),
        awkward_text,
        huge_text,
        mutated(valid),
        valid,
        valid.map(lambda s: f"  {s}\t"),
    ]
    if near:
        parts.append(st.sampled_from(list(near)))
    return st.one_of(*parts)


# -- the refusal must be a clear message ------------------------------------------

#: Characters that scramble or hide what a dialog shows: bidi embeddings,
#: overrides and isolates (line breaks and controls are checked by category).
_SCRAMBLING = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PYTHON_WORDS = ("Traceback", "Error", "Exception", "object at 0x", "None", "NaN", "Decimal(", "<class")

#: A message longer than this does not fit a dialog; it echoes too much of the input.
MESSAGE_MAX = 300


def clear_message(message: str) -> str:
    """Assert ``message`` is fit to show a person: plain words, short, nothing hidden."""
    assert isinstance(message, str) and message.strip(), "an empty message"
    assert len(message) <= MESSAGE_MAX, f"a {len(message)}-character message: {message[:80]!r}…"
    own_words = re.sub(r"“[^”]*”", "", message)  # the typed text it echoes may say anything
    for word in _PYTHON_WORDS:
        assert word not in own_words, f"Python words in the message: {message!r}"
    for escape in ("\\x", "\\u", "\\n", "\\t", "\\0", "\\r"):
        assert escape not in own_words, f"a repr() in the message: {message!r}"
    return shows_plainly(message)


def shows_plainly(text: str) -> str:
    """Assert ``text`` holds nothing that hides or scrambles it on a screen or a page."""
    for ch in text:
        assert unicodedata.category(ch) not in ("Cc", "Zl", "Zp") and ch not in _SCRAMBLING, (
            f"U+{ord(ch):04X} hides or scrambles {text!r}"
        )
    return text


def clear_refusal(exc: BaseException, *, kind: type[LtoError] = InvalidInput) -> str:
    """Assert ``exc`` is a refusal a person can read; returns its message."""
    assert isinstance(exc, kind), f"{type(exc).__name__} instead of {kind.__name__}: {exc!r}"
    assert str(exc) == exc.message
    return clear_message(exc.message)


def value_or_clear_refusal(parse, *args, kind: type[LtoError] = InvalidInput, **kwargs):
    """``(value, None)`` from ``parse(*args, **kwargs)``, or ``(None, message)`` for a
    clear refusal; any other exception propagates (a crash: the test fails)."""
    try:
        return parse(*args, **kwargs), None
    except LtoError as exc:
        return None, clear_refusal(exc, kind=kind)
