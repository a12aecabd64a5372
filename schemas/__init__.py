"""The data protokoll works with: the reader's Layout (schemas/layout.py) and the extracted
record (schemas/record.py). Import from those modules: this package imports neither, so a
command that reads the store does not build the reader's models."""
