"""Verb families: past-tense detection for story telling, and modal/habitual
phrasings that mark a hypothetical answer."""
from __future__ import annotations

IRREGULAR_PAST = {
    "was", "were", "had", "did", "made", "took", "wrote", "rewrote", "built", "rebuilt", "found", "got",
    "went", "came", "ran", "put", "led", "told", "thought", "brought", "bought", "spent", "sent", "saw",
    "knew", "gave", "began", "became", "kept", "left", "met", "paid", "sat", "stood", "chose", "drew",
    "grew", "held", "heard", "lost", "meant", "said", "sold", "spoke", "stuck", "taught", "understood",
    "won", "fell", "broke", "caught", "fought", "rose", "shook", "split", "threw", "woke", "set", "cut",
    "shut", "hit", "let", "read", "dug", "fed", "felt", "forgot", "hid", "overcame", "undertook",
    "withdrew", "swapped", "shipped", "stepped", "drove", "flew", "struck", "spun", "upheld",
}
_NOT_PAST = {"need", "speed", "feed", "seed", "bed", "red", "shed", "embed", "hundred", "indeed", "proceed",
             "succeed", "exceed", "breed", "bleed", "weed", "reed", "greed", "based", "used", "supposed",
             "interested", "excited", "related", "tired", "advanced", "detailed", "experienced", "red",
             "distributed", "automated", "dedicated", "sophisticated", "complicated", "talented"}
# Past forms that describe a state or conflict, i.e. the setting rather than an action.
STATIVE = {"was", "were", "had", "disagreed", "joined", "inherited", "struggled", "faced", "missed",
           "kept", "noticed", "needed", "wanted", "lacked", "owned", "felt", "knew", "thought", "seemed",
           "became", "used", "worked", "supposed", "interned", "studied", "lived"}


def is_past(word: str) -> bool:
    if word in IRREGULAR_PAST:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST


_PERFECT = {"have", "has", "i've", "we've", "you've", "they've", "always", "ever", "consistently", "never"}


def narrated_at(words: list[str]) -> int | None:
    """Position of a simple-past verb telling one event ("we shipped"), not a
    present-perfect or habitual claim about oneself ("I've always delivered")."""
    for i, w in enumerate(words):
        if is_past(w) and not _PERFECT.intersection(words[max(0, i - 2):i]):
            return i
    return None


def past_after(words: list[str], i: int, window: int = 3) -> int | None:
    """Index of a past-tense verb within `window` tokens after position i."""
    for j in range(i + 1, min(len(words), i + 1 + window)):
        if words[j] in {"would", "will", "could", "should", "might", "to", "can"}:
            return None
        if is_past(words[j]):
            return j
    return None


HYPOTHETICAL = [
    "i would", "i'd", "i will", "i'll", "i'm going to", "i am going to", "i'm gonna", "i might",
    "i could", "we'd", "we would", "we will", "we'll", "i usually", "i always", "i typically",
    "i tend to", "i try to", "i generally", "i normally", "you have to", "you should", "you need to",
    "the key is", "it's important to", "what i would do", "i think the key", "my approach would",
    "i like to", "i make sure",
]
# "I'd" followed by these is "I had", which is past narration.
_HAD_AFTER = {"been", "already", "never", "just", "done", "had", "seen", "got", "say"}


def hypothetical_at(words: list[str]) -> int | None:
    """Position of a would/will/habitual phrasing, skipping "I'd" meaning "I had"."""
    from .lexicon import index
    idx = index(tuple(HYPOTHETICAL))
    for i in range(len(words)):
        for phrase in idx.matches_at(words, i):
            if words[i] in {"i'd", "we'd"} and len(phrase.split()) == 1:
                nxt = words[i + 1] if i + 1 < len(words) else ""
                if nxt in _HAD_AFTER or is_past(nxt):
                    continue
            return i
    return None
