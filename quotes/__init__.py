"""quotes: who said what, in what office, for which country, when, and for or against what."""

__version__ = "0.1.0"
