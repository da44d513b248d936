"""The words of an operator's orders in the city's other languages (Finnish, Swedish) and German, in one table, and
the English the order readers know them by.

A Finnish-Swedish shift commander (trial s22) wrote "Anna tilannekatsaus" (give a situation report: answered with the
pub "Anna.K"), "Stäng incidenten INC-…" (listed the open incidents), "Slå ihop INC-… med INC-…" (opened an incident
with units), "Skicka hit KAI-A1" (a status line), "kyllä" (looked up as a place).  The readers of orders
(``agent.close_request``, ``agent.merge_request``, the send-here reading, the cue rules through
``agent.normalise.spaced_scripts``) are written over English and Chinese; ``orders_in_english`` rewrites these orders
into the English they read, and the same table tells the place guess (``agent.intents``) which words are an order's,
never a place, and the bare assent (``agent.assent``) and the [y/N] prompt (``agent.commands``) the words of yes and no.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["ORDER_WORDS", "NO_WORDS", "POLITE_WORDS", "YES_WORDS", "is_order_word", "leading_order_words", "orders_in_english"]

# Per language, per part of an order: the words as written (lower case, whole words; a regex where a word inflects).
# "give": the verb a situation report is asked with; "sitrep": the situation report itself; "close", "merge", "send":
# the verbs of those orders; "incident": the nouns an incident is called by after a close verb; "with": the word between
# two incidents merged; "here": the session's incident as a place ("send it here"); "ask": question words; "polite":
# what an order or an answer may carry ("please", "now", "thanks"); "yes" / "no": a bare answer.
ORDER_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "give": ("give", "get", "send"), "close": ("close",), "merge": ("merge", "combine"), "send": ("send", "dispatch"),
        "ask": ("which", "what", "where", "how", "who", "is", "are", "can", "could"),
        "other": ("evacuate", "plan", "find", "locate", "show", "list", "caller", "report", "the", "please"),
    },
    "fi": {
        "give": ("anna", "antakaa", "annatko", "antaisitko", "antaisitteko", "näytä", "kerro"),
        "sitrep": ("tilannekatsau(?:s|ksen|kset|sta)", "tilannekuva(?:n|a)?", "tilanneraport(?:ti|in|tia)", "tilannepäivity(?:s|ksen|stä)"),
        "close": ("sulje", "sulkekaa", "suljetaan", "päätä", "päättäkää"),
        "incident": ("tehtävä", "tehtävän", "tapahtuma", "tapahtuman", "tapaus", "tapauksen", "keikka", "keikan"),
        "merge": ("yhdistä", "yhdistäkää", "yhdistetään"), "with": ("ja", "sekä", "kanssa"),
        "send": ("lähetä", "lähettäkää", "lähettäisitkö", "hälytä", "hälyttäkää"), "here": ("tänne", "tähän", "paikalle"),
        "ask": ("missä", "mikä", "mitkä", "mitä", "onko", "ovatko", "kuka", "ketkä", "milloin", "miksi", "miten", "montako", "paljonko"),
        "polite": ("kiitos", "nyt", "heti", "vielä", "pliis"),
        "yes": ("kyllä", "joo", "juu", "jep", "selvä", "hyväksyn", "vahvistan"), "no": ("ei", "älä", "peruuta", "hylkää"),
    },
    "sv": {
        "give": ("ge", "ge mig", "ge oss", "visa"),
        "sitrep": ("lägesrapport(?:en)?", "lägesbild(?:en)?", "lägesuppdatering(?:en)?"),
        "close": ("stäng", "avsluta"),
        "incident": ("incidenten", "incident", "händelsen", "händelse", "ärendet", "ärende", "uppdraget", "uppdrag"),
        "merge": ("slå ihop", "slå samman", "sammanfoga", "förena"), "with": ("med", "och"),
        "send": ("skicka", "sänd", "larma ut", "larma"), "here": ("hit", "hitåt"),
        "ask": ("var", "vad", "vilka", "vilken", "hur", "vem", "när", "varför", "finns"),
        "polite": ("tack", "nu", "genast", "snälla"),
        "yes": ("ja", "jo", "japp", "okej", "bekräfta", "godkänn"), "no": ("nej", "nä", "avbryt", "avslå"),
    },
    "de": {
        "give": ("gib", "gib mir", "geben sie", "zeig", "zeige"),
        "sitrep": ("lagebericht(?:s)?", "lagebild(?:s)?", "lagemeldung", "lageübersicht"),
        "close": ("schließe", "schliesse", "schließ", "schließen sie", "beende"),
        "incident": ("den einsatz", "einsatz", "den vorfall", "vorfall", "das ereignis", "ereignis"),
        "merge": ("führe", "lege", "füge", "verbinde", "vereinige"), "with": ("und", "mit"), "merge_end": ("zusammen",),
        "send": ("schick", "schicke", "schicken sie", "entsende", "alarmiere"), "here": ("hierher", "hierhin", "her"),
        "ask": ("wo", "was", "welche", "welcher", "wie", "wer", "wann", "warum", "ist", "sind"),
        "polite": ("bitte", "danke", "sofort", "jetzt"),
        "yes": ("ja", "jawohl", "bestätigt", "genehmigt"), "no": ("nein", "abbrechen", "ablehnen"),
    },
}


def _words(part: str, languages: tuple[str, ...] = ("fi", "sv", "de")) -> str:
    """The words of one part of the table in the languages given, as one regex alternation (longest first)."""
    found = {w for lang in languages for w in ORDER_WORDS[lang].get(part, ())}
    return "|".join(sorted(found, key=len, reverse=True)).replace(" ", r"\s+")


def _answer_words(part: str) -> tuple[str, ...]:
    return tuple(w for lang in ("fi", "sv", "de") for w in ORDER_WORDS[lang][part])


YES_WORDS: tuple[str, ...] = _answer_words("yes")  # a bare yes in the city's other languages and German
NO_WORDS: tuple[str, ...] = _answer_words("no")
POLITE_WORDS: tuple[str, ...] = _answer_words("polite")  # "kiitos", "tack", "bitte": around an answer or an order
_B = r"(?<![\w-])"
_E = r"(?![\w-])"


@lru_cache(maxsize=1)
def _rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, English) in the order they are applied: the longer orders (a merge, a send here) before their words."""
    from agent.incident_scope import INCIDENT_ID as _ID  # here: agent.incident_scope reads the normalised text too

    incident, polite = _words("incident"), _words("polite")
    merge_end = _words("merge_end")
    return tuple((re.compile(p, re.IGNORECASE), r) for p, r in (
        # "Führe INC-B und INC-A zusammen": a German separable verb around the two incidents
        (rf"{_B}(?:{_words('merge', ('de',))})\s+(?P<a>{_ID})\s+(?:{_words('with', ('de',))})\s+(?P<b>{_ID})\s+(?:{merge_end}){_E}",
         r"merge \g<a> and \g<b>"),
        # "yhdistä INC-B INC-A:han" (into A: the Finnish illative), "slå ihop INC-B med INC-A", "yhdistä INC-B ja INC-A"
        (rf"{_B}(?:{_words('merge')})\s+(?P<a>{_ID})\s+(?P<b>{_ID}):(?:h[aeiouyäö]n|[aeiouyäö]{{2}}n|seen){_E}", r"merge \g<a> into \g<b>"),
        (rf"{_B}(?:{_words('merge')})\s+(?P<a>{_ID})\s+(?:{_words('with')})\s+(?P<b>{_ID})", r"merge \g<a> with \g<b>"),
        # a merge that names no incident ("slå ihop incidenterna", "yhdistä tehtävät"): asked, never a report
        (rf"^\W*(?:{_words('merge')})\s+(?:(?:de\s+|ne\s+|die\s+)?(?:två|kaksi|beiden|zwei)\s+)?"
         rf"(?:incidenterna|händelserna|ärendena|tehtävät|tapahtumat|einsätze|vorfälle)(?:\s+(?:{merge_end}))?\W*$", "merge the incidents"),
        # "Stäng incidenten INC-…", "sulje tehtävä INC-…", "Schließe den Einsatz INC-…": a close of the incident named
        # (the noun alone only where nothing but "now", "please" follows: "sulje tapahtuman ovi" closes a door)
        (rf"{_B}(?:{_words('close')})\s+(?:(?:{incident})\s+)?(?=(?:{_ID})|(?:{incident})(?:\s+(?:{polite}))*\s*(?:[,.;!]|$))",
         "close incident "),
        # "skicka hit KAI-A1", "lähetä KAI-A1 tänne", "schick KAI-A1 hierher": the session's incident
        (rf"{_B}(?:{_words('send')})\s+(?:{_words('here')})\s+(?P<what>[^.,;!?\n]+?)\s*(?=(?:\s(?:{polite}))*\W*$)", r"send \g<what> to this incident"),
        (rf"{_B}(?:{_words('send')})\s+(?P<what>[^.,;!?\n]+?)\s+(?:{_words('here')}){_E}", r"send \g<what> to this incident"),
        # "Anna tilannekatsaus", "Ge mig en lägesbild", "Gib mir einen Lagebericht": a situation report asked for
        (rf"^\W*(?:{_words('give')})(?=\s+(?:\w+\s+){{0,2}}?(?:{_words('sitrep')}){_E})", "give"),
        (rf"{_B}(?:{_words('sitrep')}){_E}", "situation report"),
        # "hälytä pelastusyksikkö Kamppiin", "larma en ambulans till Kampen": an alert is a send
        (rf"^\W*(?:{_words('send')}){_E}", "send"),
    ))


def orders_in_english(text: str) -> str:
    """``text`` with the orders of ``ORDER_WORDS`` written as the English the order readers know ("Stäng incidenten
    INC-4" -> "close incident INC-4", "Lähetä KAI-A1 tänne" -> "send KAI-A1 to this incident", "Anna tilannekatsaus"
    -> "give situation report"); any other text as it is.  Place names stay as written."""
    if not text or not _trigger().search(text):
        return text
    for pattern, english in _rewrites():
        text = pattern.sub(english, text)
    return text


@lru_cache(maxsize=1)
def _trigger() -> re.Pattern[str]:
    """Any word that opens one of the orders rewritten (most messages have none: nothing else is tried)."""
    return re.compile(rf"{_B}(?:{'|'.join(_words(p) for p in ('give', 'sitrep', 'close', 'merge', 'send'))}){_E}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _order_word() -> str:
    parts = ("give", "close", "merge", "send", "ask", "polite", "yes", "no", "other", "sitrep", "here")
    languages = ("en", "fi", "sv", "de")
    return "|".join(w for w in (_words(p, languages) for p in parts) if w)


def is_order_word(word: str) -> bool:
    """Is the word one of an order's own (a verb, a question word, a yes or no, "please"), never a place's name?"""
    return re.fullmatch(rf"(?:{_order_word()})", word.strip(".,!?:;"), re.IGNORECASE) is not None


def leading_order_words(text: str) -> str:
    """The message without the order words it opens with ("Lähetä ambulanssi" -> "ambulanssi", "Slå ihop INC-1 med
    INC-2" -> "INC-1 med INC-2"): what is left may name a place; the order's own words never do."""
    return re.sub(rf"^(?:[\W_]*(?:{_order_word()}){_E})+[\W_]*", "", text, flags=re.IGNORECASE)
