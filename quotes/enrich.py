"""Fill what a statement's own sentence leaves out: office and country from the officials gazetteer
as of the statement's date; stance toward a target."""
from .officials import lookup
from .stance import assess


def enrich(statements, article):
    for st in statements:
        if st.speaker and st.speaker_kind == "person":
            when = st.date or (article.published.isoformat() if article.published else None)
            hit = lookup(st.speaker, when, st.country)
            if hit is not None:
                if not st.office:
                    st.office, st.office_phrase = hit["office"], st.office_phrase
                st.country = st.country or hit["country"] or None
        assess(st, article)
    return statements
