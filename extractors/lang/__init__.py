"""Language data of the extractors, one package per language (as spaCy keeps spacy/lang/)."""
