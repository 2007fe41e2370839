"""Text preparation: clear refusals for non-articles, offsets kept, paragraphs start sentences."""

from __future__ import annotations

import pytest

from bot.errors import InputError
from bot.extract.text import prepare


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("abc\x00def", "binary"),
        ("1234 5678 !!! ??? 42", "no words"),
        ("Решение об отправке войск ещё не принято, заявил министр обороны в интервью телеканалу.", "English"),
        (
            "El ministro de Defensa dijo el martes que la decisión sobre el envío de tropas todavía se estaba "
            "ultimando y que el gobierno tomará una decisión después de pasar por el proceso. Los funcionarios "
            "familiarizados con las deliberaciones pidieron el anonimato debido a la sensibilidad del asunto y "
            "dijeron que las discusiones dentro del gobierno estaban en una etapa avanzada.",
            "English",
        ),
    ],
)
def test_text_prepare_refuses_non_articles_with_a_clear_message(text, message):
    with pytest.raises(InputError, match=message):
        prepare(text, 100_000)


def test_text_prepare_keeps_offsets_when_cleaning():
    text = "The\u00a0minister said\r\nit was\tdone."
    cleaned, notes = prepare(text, 100_000)
    assert len(cleaned) == len(text)
    assert cleaned == "The minister said\n\nit was done."
    assert notes == []


def test_text_prepare_cuts_huge_text_at_a_paragraph_and_says_so():
    paragraph = "The council approved the plan on Monday after a long debate in the chamber.\n"
    cleaned, notes = prepare(paragraph * 100, 1_000)
    assert len(cleaned) <= 1_000
    assert cleaned.endswith("chamber.")
    assert notes and "first" in notes[0]


@pytest.mark.model
def test_text_every_paragraph_starts_a_sentence(nlp):
    doc = nlp("He said it was over\nThe minister disagreed with him")
    starts = [sent.text for sent in doc.sents]
    assert starts[-1].startswith("The minister")
