"""Title patterns read from a clause around the name (see ``title_patterns.py``):

P4  relative clause             "Mr Asif, who is also the country's defence minister"; with a verb of office
                                 "Lars Brenner, who heads Acme Corp" (written "head of Acme Corp")
P5  "as", appointed             "Lesufi, who serves as Gauteng premier", "who was appointed health secretary"
P6  copula                      "Sharif is the prime minister", "Wiles is one of the campaign managers"

and whether a clause puts the office in the past ("who was", "is no longer", "stepped down as", a term closed
by a date): ``past_clause``, ``closed_range``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.extract import titles as lex
from bot.extract.title_check import MAX_TITLE_TOKENS

# verbs of holding an office, and the office they name ("who heads Acme" -> "head of Acme"); not "lead",
# which also ranks ("who leads NCAA Division 3 with nine double-doubles", "leads the polls")
_OFFICE_VERBS = {"head": "head", "chair": "chair", "run": "head", "direct": "director", "oversee": "head"}
_COPULAS = {"be", "become", "remain"}  # a title as the complement: the office held now
# verbs that end an office: "who stepped down as chief executive", "resigned as mayor in May" (a past office)
_LEAVING = {"resign", "step", "retire", "quit", "depart"}  # "step" only with "down" (see past_clause)
# verbs of holding an office whose past tense puts it in the past: "who served as mayor from 2010"
_HOLDING = {"serve", "head", "chair", "run", "direct", "act", "work", "oversee"}
_AS_VERBS = {
    "serve",
    "appoint",
    "name",
    "elect",
    "nominate",
    "confirm",
    "install",
    "choose",
    "select",
    "hire",
    "act",
    "work",
    "swear",
    "designate",
    "reappoint",
    "promote",
}


def _clause_tokens(head: Token) -> list[Token]:
    """The subtree of ``head`` cut at the first comma, clause or name after it."""
    out: list[Token] = []
    for t in head.subtree:
        if t.i > head.i and (
            t.text in (",", ";", ":") or t.lower_ in ("who", "which", "that") or t.ent_type_ == "PERSON"
        ):
            break
        if t.i > head.i and t.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in t.children):
            break  # "interim chief executive in May": the date is when, not part of the office
        if t.ent_type_ == "PERSON":
            out = []
            continue
        out.append(t)
    return out


def _heads_body(m: Span) -> list[Token]:
    """P4 with a verb of office: "<name>, who heads Acme Corp", "who chairs the Senate finance committee",
    "who runs the city's housing agency". The object must name a body (an organisation, a place, or an
    organisation noun such as "agency", "committee", "party"): "who runs a bakery" is no office. The
    tokens are the verb and its object; ``Title.text`` writes them as "head of Acme Corp"."""
    for verb in m.root.children:
        if verb.dep_ != "relcl" or verb.lemma_.lower() not in _OFFICE_VERBS or verb.i < m.end:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children):
            continue
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            body = [t for t in obj.subtree if t.i > verb.i]
            cut = next((k for k, t in enumerate(body) if t.text in (",", ";", ":") or t.is_space), len(body))
            body = body[:cut]
            if not body or len(body) > MAX_TITLE_TOKENS:
                continue
            if obj.ent_type_ in ("ORG", "GPE", "NORP") or lex.is_org_noun(obj):
                return [verb, *body]
    return []


def _one_of(t: Token) -> Token:
    """ "one of the campaign managers": the plural title noun after "one of", else ``t`` itself."""
    if t.lower_ == "one":
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and lex.is_head(pobj):
                        return pobj
    return t


def _relative(m: Span) -> list[Token]:
    """P4: "<name>, who is (also) <title>", "who became <title> in March"."""
    for child in m.root.children:
        if child.dep_ == "relcl" and child.lemma_ in _COPULAS:
            for attr in child.children:
                if attr.dep_ == "attr" and lex.is_head(_one_of(attr)):
                    return _clause_tokens(_one_of(attr))
    return []


# verbs whose subject holds the office named after "as" ("Ruiz serves as mayor", "took over as chief
# executive"); the subject of any other verb of _AS_VERBS appoints someone else ("Acme hired Ruiz as CFO")
_HOLDER_VERBS = {"serve", "act", "work", "take", "step"} | _LEAVING


def _as(m: Span) -> list[Token]:
    """P5: "<name> serves as <title>", "appointed <name> as <title>", "<name> took over as <title>"."""
    verb = m.root.head
    if m.root.dep_ == "relcl":
        return []
    candidates = [verb] if m.root.dep_ in ("nsubj", "nsubjpass", "dobj", "oprd") else []
    candidates += [c for c in m.root.children if c.dep_ == "relcl"]
    for v in candidates:
        lemma = v.lemma_.lower()
        if lemma not in _AS_VERBS | _HOLDER_VERBS:
            continue
        if lemma == "take" and not any(c.lower_ == "over" for c in v.children):
            continue  # "took over as chief executive", not "took the train as a commuter"
        if v is verb and m.root.dep_ == "nsubj" and lemma not in _HOLDER_VERBS:
            continue  # "Acme hired Ruiz as CFO": Acme appoints, Ruiz holds the office
        if m.root.dep_ in ("nsubjpass",) or v.dep_ == "relcl":
            for comp in v.children:  # "Omar Patel, who was appointed health secretary in May"
                if comp.dep_ in ("oprd", "attr") and comp.i > m.root.i and lex.is_head(_one_of(comp)):
                    return _clause_tokens(_one_of(comp))
        for prep in v.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and lex.is_head(pobj):
                        return _clause_tokens(pobj)
    return []


def _copula(m: Span) -> list[Token]:
    """P6: "<name> is <title>", "<name> became <title>"."""
    if m.root.dep_ != "nsubj" or m.root.head.lemma_ not in _COPULAS:
        return []
    for attr in m.root.head.children:
        if attr.dep_ == "attr" and attr.i > m.root.i and lex.is_head(_one_of(attr)):
            return _clause_tokens(_one_of(attr))
    return []


def past_clause(tokens: list[Token]) -> str:
    """ "was" when the clause that gives a title puts the office in the past: a past-tense copula ("Ann Roe,
    who was the company's finance chief", "Roe was mayor until 2019"), a past perfect ("had been"), "no
    longer" ("Roe is no longer president of the union"), or a verb of leaving ("who stepped down as
    chairman"). A present perfect ("has been mayor since 2019") and a passive of appointment ("was named
    chief executive") are offices held now. Else ""."""
    inside = {t.i for t in tokens}
    verb = next((t for t in tokens if t.i not in inside or t.head.i not in inside), None)
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return ""
    kids = list(verb.children)
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
        return ""  # "a clause lets him leave if Roe is no longer president": she is president now
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in kids):
        return "was"  # "is no longer president", "no longer serves as chair"
    if any(c.lower_ == "no" and c.nbor(1).lower_ == "longer" for c in kids if c.i + 1 < len(c.doc)):
        return "was"
    if verb.lemma_.lower() in _LEAVING and not (
        verb.lemma_.lower() == "step" and not any(c.lower_ == "down" for c in kids)
    ):
        return "was"  # "stepped down as chair", "resigned as mayor"; not "stepped in as interim chief"
    if verb.lemma_.lower() in _HOLDING and verb.tag_ == "VBD":
        return "was"  # "who served as mayor from 2010", "who headed the agency until May"
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in kids):
        return "was"  # "who had been the party's treasurer"
    if verb.lemma_.lower() == "be" and verb.tag_ == "VBD" and not any(c.dep_ == "auxpass" for c in kids):
        return "was"
    return ""


def closed_range(tokens: list[Token]) -> bool:
    """Does the title end its term with a date: "from 2005 to 2014", "until 2019", "between 2001 and
    2006"? ("since 2019" is a term still running.)"""
    for k, t in enumerate(tokens[:-1]):
        nxt = tokens[k + 1]
        if nxt.ent_type_ != "DATE":
            continue
        if t.lower_ in ("until", "till", "through"):
            return True
        earlier = [x.lower_ for x in tokens[:k]]
        if t.lower_ in ("to", "and") and ("from" in earlier or "between" in earlier):
            return True
    return False
