"""P8: a title written only as an epithet of the article's main person.

News prose names a person once and then refers back to them by their office, as the subject of a later
sentence: "Ana Ruiz announced the plan in May. ... The Norvia CEO is putting $40 million into it." The
definite description "the Norvia CEO" then gives Ana Ruiz's title, though no title stands next to her name.

Because a description may just as well introduce someone else ("Ruiz met the board. The Norvia CEO said
..."), the rule abstains unless everything points one way:

- the description is the subject of its clause, starts with "the", holds a singular office head
  (``titles_heads``) and names a body (an organisation, place or proper noun, not a news outlet), with
  no name, appositive or past word ("former") in or right after it;
- exactly one named person is mentioned in the two sentences before it (and before it in its own sentence),
  and that person is the article's most-mentioned person (by surname), with no other person tied;
- the person has no title anywhere else (the caller checks), and no other person carries the same office.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import DEP, TAG
from spacy.tokens import Doc, Token

from bot.extract import titles as lex
from bot.extract.title_check import MAX_TITLE_TOKENS, _valid

_SUBJECTS = ("nsubj", "nsubjpass")
_WINDOW = 2  # sentences before the description's own
_POSTMOD_PREPS = ("of", "for", "at")


def epithet_tokens(head: Token, media: set[int], past: bool = False) -> list[Token] | None:
    """The title a subject description around ``head`` gives ("the Norvia CEO" -> "Norvia CEO"), or None.
    With ``past``, only a past office ("the former Norvia CEO" -> "former Norvia CEO"), else only a current
    one."""
    if head.dep_ not in _SUBJECTS or head.tag_ not in ("NN", "NNP") or not lex.is_head(head):
        return None
    doc = head.doc
    left = head.left_edge
    if left.lower_ != "the":
        return None
    tokens = list(doc[left.i + 1 : head.i + 1])
    prep = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in _POSTMOD_PREPS), None)
    if prep is not None:  # "the chief executive of Norvia"
        tokens += list(doc[prep.i : prep.right_edge.i + 1])
    if not tokens or len(tokens) > MAX_TITLE_TOKENS:
        return None
    if any(c.dep_ == "appos" for c in head.children):
        return None  # "the Norvia CEO, Ana Ruiz, said": the name is given here (P3)
    if head.i + 1 < len(doc) and doc[head.i + 1].ent_type_ == "PERSON":
        return None
    if any(t.ent_type_ == "PERSON" or t.i in media for t in tokens):
        return None
    if any(t.lower_ in lex.words("titles_past") for t in doc[max(0, left.i - 1) : head.i + 1]) != past:
        return None
    if not any(t.ent_type_ in ("ORG", "GPE", "NORP") or _proper(t) for t in tokens if t.i != head.i):
        return None  # "the chief said": an office of no named body may be anyone's
    if not _valid(tokens, before=True):  # read like a title before a name
        return None
    return tokens


def _subject_nouns(doc: Doc) -> list[Token]:
    """The tokens epithet_tokens can take: subjects tagged NN or NNP, found on the tokens' dependency and tag
    ids (``Doc.to_array``, each id read as a string once) without making a Token for the others."""
    strings = doc.vocab.strings
    subject: dict[int, bool] = {}
    noun: dict[int, bool] = {}
    out = []
    deps, tags = doc.to_array([DEP, TAG]).T.tolist() if len(doc) else ([], [])
    for i, (dep, tag) in enumerate(zip(deps, tags, strict=True)):
        if dep not in subject:
            subject[dep] = strings[dep] in _SUBJECTS
        if tag not in noun:
            noun[tag] = strings[tag] in ("NN", "NNP")
        if subject[dep] and noun[tag]:
            out.append(doc[i])
    return out


def _proper(t: Token) -> bool:
    """A capitalised proper noun that is not a title word: the body in "the Norvia CEO"."""
    return t.pos_ == "PROPN" and t.text[:1].isupper() and not lex.is_title_word(t)


def epithets(
    doc: Doc, names: list[list[str]], media: set[int], written: Counter[str], past: bool = False
) -> dict[int, list[Token]]:
    """Map a person (an index into ``names``, each person's name words, surname last) to the title of an
    epithet that refers back to them (P8; with ``past``, a past office: "the former Norvia CEO", read by P9).
    A person is counted by their surname wherever it is written (``written``: how often each surname stands
    in the text; the tagger often leaves "Musk" untagged)."""
    heads = [
        (h, tokens) for h in _subject_nouns(doc) if (tokens := epithet_tokens(h, media, past)) is not None
    ]
    if not names or not heads:
        return {}  # most articles have no epithet: nothing more to count
    surnames = [n[-1] for n in names]
    counts = [written[s] for s in surnames]
    main = max(range(len(names)), key=lambda k: counts[k])
    if sorted(counts, reverse=True)[1:2] == [counts[main]] or surnames.count(surnames[main]) > 1:
        return {}  # no single main person, or two people share the surname
    words = {w for n in names for w in n}
    sents = list(doc.sents)
    sent_index = {s.start: k for k, s in enumerate(sents)}
    found: list[tuple[str, bool, list[Token]]] = []
    for head, tokens in heads:
        k = sent_index.get(head.sent.start, 0)
        window = doc[sents[max(0, k - _WINDOW)].start : tokens[0].i - 1]
        near = {p for p, s in enumerate(surnames) for t in window if t.text == s}
        stray = any(t.ent_type_ == "PERSON" and t.text not in words for t in window)
        found.append((" ".join(t.lower_ for t in tokens), near == {main} and not stray, tokens))
    doubtful = {office for office, ok, _ in found if not ok}  # the same office also used of someone else
    for office, ok, tokens in found:
        if ok and office not in doubtful:
            return {main: tokens}
    return {}
