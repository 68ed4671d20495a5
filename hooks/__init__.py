"""Plain functions behind the MkDocs hooks (see hooks/edition.py, the only file MkDocs loads)."""
