"""Language identification (py3langid, whose model ships inside the package)."""

from __future__ import annotations

import py3langid
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.errors import InputError

MIN_STOPWORD_SHARE = 0.2


def english_share(text: str) -> float:
    """Share of words that are English stop words (about 0.4 in English prose)."""
    words = [w.strip(".,;:!?\"'()").lower() for w in text.split()[:400]]
    words = [w for w in words if w]
    return sum(1 for w in words if w in STOP_WORDS) / len(words) if words else 0.0


def identify(text: str) -> str:
    """ISO 639-1 code of the text's language."""
    code, _ = py3langid.classify(text[:3000])
    return str(code)


def require(text: str, *, languages: tuple[str, ...]) -> str:
    """Return the language code, or raise :class:`InputError` for a language we don't handle.

    Both the classifier and the English stop-word share must agree before
    an article is refused, so names-heavy English briefs are not lost.
    """
    code = identify(text)
    if code in languages or ("en" in languages and english_share(text) >= MIN_STOPWORD_SHARE):
        return code if code in languages else "en"
    language = pycountry.languages.get(alpha_2=code)
    name = str(language.name) if language is not None else code
    handled = ", ".join(languages)
    raise InputError(f"article is in {name} ({code}); handled languages: {handled}", code="language")
