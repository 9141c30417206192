"""Italian text analysis shared by indexing and querying, on every backend.

Each word is indexed as its Snowball Italian stem, so "partecipativo" finds
"partecipazione" (both ``partecip``) on SQLite, whose FTS5 has no Italian stemmer, as on
PostgreSQL and Elasticsearch; and as its "light" stem (final vowels dropped), because
Snowball parts some singulars from their plurals (quartiere → quart, quartieri →
quartier; anziano → anzi, anziani → anzian). A query word matches either of its stems.
The stop words are Snowball's Italian list, the one PostgreSQL's ``italian``
configuration uses.
"""

import functools
import html
import re
import threading
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Letters and digits: everything else (apostrophes, quotes, FTS and tsquery operators)
# separates words, so no query syntax ever reaches a search engine.
_WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 40

_STOP_WORDS = """
ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla
dalle di del dello dei degli dell degl della delle in nel nello nei negli nell negl nella
nelle su sul sullo sui sugli sull sugl sulla sulle per tra contro io tu lui lei noi voi
loro mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre
vostro vostra vostri vostre mi ti ci vi lo la li le gli ne il un uno una ma ed se perché
anche come dov dove che chi cui non più quale quanto quanti quanta quante quello quelli
quella quelle questo questi questa queste si tutto tutti a c e i l o ho hai ha abbiamo
avete hanno abbia abbiate abbiano avrò avrai avrà avremo avrete avranno avrei avresti
avrebbe avremmo avreste avrebbero avevo avevi aveva avevamo avevate avevano ebbi avesti
ebbe avemmo aveste ebbero avessi avesse avessimo avessero avendo avuto avuta avuti avute
sono sei è siamo siete sia siate siano sarò sarai sarà saremo sarete saranno sarei
saresti sarebbe saremmo sareste sarebbero ero eri era eravamo eravate erano fui fosti fu
fummo foste furono fossi fosse fossimo fossero essendo faccio fai facciamo fanno faccia
facciate facciano farò farai farà faremo farete faranno farei faresti farebbe faremmo
fareste farebbero facevo facevi faceva facevamo facevate facevano feci facesti fece
facemmo faceste fecero facessi facesse facessimo facessero facendo sto stai sta stiamo
stanno stia stiate stiano starò starai starà staremo starete staranno starei staresti
starebbe staremmo stareste starebbero stavo stavi stava stavamo stavate stavano stetti
stesti stette stemmo steste stettero stessi stesse stessimo stessero stando
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Snowball stemmers keep state while they work: one per thread (gunicorn runs threads).
_local = threading.local()


def _stemmer() -> snowballstemmer.stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("italian")
    return stemmer


def fold(word: str) -> str:
    """``word`` without accents: «città» and «citta» are the same word to a search."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased and in compatibility form (ﬁ → fi), in order."""
    normal = unicodedata.normalize("NFKC", text.lower())
    return [word for word in _WORD.findall(normal) if len(word) <= MAX_WORD_LENGTH]


def initial(word: str) -> str:
    """The first letter of ``word`` without its accent: "did you mean" looks there."""
    return (fold(word) or word)[:1]


_FINAL_VOWELS = re.compile(r"[aeiou]+$")
LIGHT_STEM_MIN_LENGTH = 3


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Italian stem of a lower-case word, without accents (cached: a catalogue
    has a few tens of thousands of distinct words, each stemmed once per process)."""
    return fold(_stemmer().stemWord(word))


@functools.lru_cache(maxsize=200_000)
def variants(word: str) -> tuple[str, ...]:
    """The stems a lower-case word is indexed and searched as: Snowball's, and the word
    without accents and final vowels when that differs and keeps three letters."""
    light = _FINAL_VOWELS.sub("", fold(word))
    snowball = stem(word)
    if len(light) < LIGHT_STEM_MIN_LENGTH or light == snowball:
        return (snowball,)
    return (snowball, light)


def terms(text: str) -> list[str]:
    """What is indexed for ``text``: the stems of its words that are not stop words."""
    return [term for word in words(text) if word not in STOP_WORDS for term in variants(word)]


def query_groups(text: str) -> list[tuple[str, ...]]:
    """One group of stems per distinct word of a query (stop words aside): a document
    matches the query when it contains a stem of every group."""
    return list(dict.fromkeys(variants(word) for word in words(text) if word not in STOP_WORDS))


def vocabulary(text: str) -> set[str]:
    """The words that "did you mean" may propose: not stop words, not numbers, three
    letters at least."""
    return {
        word
        for word in words(text)
        if len(word) >= 3 and not word.isdigit() and word not in STOP_WORDS
    }


def plain_text(markup: str) -> str:
    """Text of sanitised HTML (or of text with paragraphs): tags become spaces, entities
    characters, runs of white space one space."""
    text = re.sub(r"<[^>]*>", " ", markup)
    return " ".join(html.unescape(text).split())


# --- highlighting ----------------------------------------------------------------------------

SNIPPET_WORDS = 32
SNIPPET_LEAD = 8


def _tokens(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_word)`` spans covering ``text``."""
    position = 0
    for match in _WORD.finditer(text):
        if match.start() > position:
            yield position, match.start(), False
        yield match.start(), match.end(), True
        position = match.end()
    if position < len(text):
        yield position, len(text), False


def _matches(token: str, wanted: frozenset[str]) -> bool:
    lowered = unicodedata.normalize("NFKC", token.lower())
    return lowered not in STOP_WORDS and not wanted.isdisjoint(variants(lowered))


def _render(text: str, spans: Iterable[tuple[int, int, bool]], wanted: frozenset[str]) -> str:
    # Every piece of user text is escaped; only our own <mark> tags are added.
    parts = []
    for start, end, is_word in spans:
        piece = text[start:end]
        if is_word and _matches(piece, wanted):
            parts.append(f"<mark>{escape(piece)}</mark>")
        else:
            parts.append(str(escape(piece)))
    return "".join(parts)


def highlight(text: str, query: Iterable[str]) -> SafeString:
    """``text`` escaped, with ``<mark>`` around the words with a stem in ``query``."""
    rendered = _render(text, _tokens(text), frozenset(query))
    return mark_safe(rendered)  # noqa: S308 - built from escaped pieces only


def snippet(text: str, query: Iterable[str]) -> SafeString | None:
    """About SNIPPET_WORDS words of ``text`` from a little before its first word matching
    ``query``, escaped and highlighted; ``None`` when no word matches. Reads ``text`` only
    as far as the snippet goes."""
    wanted = frozenset(query)
    lead: deque[int] = deque(maxlen=SNIPPET_LEAD)
    seen = taken = 0
    start = end = None
    more = False
    for match in _WORD.finditer(text):
        if start is None:
            if _matches(match.group(), wanted):
                start = lead[0] if lead else match.start()
                taken = len(lead) + 1
                end = match.end()
            else:
                lead.append(match.start())
                seen += 1
        elif taken == SNIPPET_WORDS:
            more = True
            break
        else:
            taken += 1
            end = match.end()
    if start is None or end is None:
        return None
    fragment = text[start:end]
    prefix = "… " if seen > len(lead) else ""
    suffix = " …" if more else ""
    rendered = _render(fragment, _tokens(fragment), wanted)
    return mark_safe(f"{prefix}{rendered}{suffix}")  # noqa: S308 - escaped pieces only
