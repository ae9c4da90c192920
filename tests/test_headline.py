"""Story titles are short headlines, on real titles and leads."""
from __future__ import annotations

import json

import pytest

from marsad.headline import MAX_WORDS, best_headline, headline, headline_text
from marsad.model import Article
from marsad.pipeline import prepare
from tests.conftest import SAUDINEWSNET, seed_path


def test_long_real_titles_keep_their_first_clause() -> None:
    path = SAUDINEWSNET / "2015-07-22.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    long_titles = [r["title"] for r in json.loads(path.read_text(encoding="utf-8")) if len((r["title"] or "").split()) > MAX_WORDS]
    assert long_titles
    for title in long_titles:
        short = headline_text(title)
        assert 1 <= len(short.split()) <= MAX_WORDS
        # a prefix of the title's words (clause cut), or a cut marked with …
        assert " ".join(title.split()).startswith(short.rstrip(" …")) or short.endswith("…")


def test_untitled_seed_gets_a_headline_not_its_lead() -> None:
    body = seed_path("001").read_text(encoding="utf-8")
    article = prepare(Article(id="x", path="001", body=body))
    lead = article.sentences[0].text
    assert len(lead.split()) > MAX_WORDS
    title = headline(article)
    assert len(title.split()) <= MAX_WORDS and title != lead
    assert title.split()[0] in lead


def test_best_headline_prefers_an_article_with_a_title() -> None:
    untitled = prepare(Article(id="a", path="a", body="قال الوزير في مؤتمر صحفي عقده اليوم إن الحكومة ستعلن قريبا خطة شاملة لتطوير قطاع النقل العام في المدن الكبرى."))
    titled = Article(id="b", path="b", body="نص", title="الحكومة تعلن خطة لتطوير النقل العام")
    assert best_headline([untitled, titled]) == "الحكومة تعلن خطة لتطوير النقل العام"


def test_a_title_that_goes_on_from_another_headline_is_not_the_storyline_s() -> None:
    """2015-07-25.json#317 is titled «.. وهبوط أول طائرة إغاثية إماراتية في عدن منذ
    تحريرها» (its page's second headline); it was the title of the Aden airport storyline
    of 2015-07-24/25 although its other articles carry titles of their own."""
    continued = Article(id="a", path="a", body="نص", title=".. وهبوط أول طائرة إغاثية إماراتية في عدن منذ تحريرها")
    own = Article(id="b", path="b", body="نص", title="هبوط طائرة إماراتية تحمل مساعدات للشعب اليمني بمطار عدن")
    assert best_headline([continued, own]) == "هبوط طائرة إماراتية تحمل مساعدات للشعب اليمني بمطار عدن"
    assert best_headline([continued]) == "وهبوط أول طائرة إغاثية إماراتية في عدن منذ تحريرها"
