"""Fill what a statement's own sentence leaves out: office and country from the officials gazetteer
as of the statement's date; stance toward a target."""
from .officials import lookup
from .stance import ArticleIndex, assess


def enrich(statements, article, main_country=None, lead_country=None, paras=None):
    """paras: the article's paragraphs as extraction cut them into words, which stance reuses."""
    index = ArticleIndex(article, paras)
    published = article.published.isoformat() if article.published else None
    for st in statements:
        # (an office and a country both known already: the gazetteer's answer would change neither)
        if st.speaker and st.speaker_kind == "person" and not (st.office and st.country):
            when = st.date or published
            hit = lookup(st.speaker, when, st.country)
            if hit is not None:
                if not st.office:
                    st.office = hit["office"]  # (from the gazetteer: office_phrase is left as the text gave it)
                st.country = st.country or hit["country"] or None
        if st.country is None and st.organization is None and main_country:
            # a speaker with no country of their own speaks, most likely, for the article's country
            st.country = main_country
            st.country_inferred = True
        elif st.country is None and st.organization is None and lead_country and st.office:
            # an official with no country, in an article about several: the country of its lead
            st.country = lead_country
            st.country_inferred = True
        assess(st, article, index)
    return statements
