"""Helpers for the invoice tests: a statement's PDF as plain text, and signing in."""

import io

import pypdf
from django.contrib.auth import get_user_model

from finance import documents


def pdf_text(statement):
    reader = pypdf.PdfReader(io.BytesIO(documents.statement_pdf(statement)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
