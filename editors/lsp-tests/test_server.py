"""End-to-end tests of `haplint server` through pytest-lsp, a client written
by others: diagnostics, completion, hover, definition, rename, code actions."""

import asyncio
import pathlib

from lsprotocol import types
from pytest_lsp import LanguageClient

CONFIG = """\
global
    nbproc 2

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind :8080
    acl is_api path_beg /api
    use_backend be_api if is_api
    use_backend be_apo
    default_backend be_web

backend be_api
    server a1 10.0.0.1:80 check

backend be_web
    balance roundrobin
    server w1 10.0.0.2:80 check
"""

# 0-based lines of CONFIG.
NBPROC_LINE = 1
USE_BACKEND_LINE = 12
TYPO_LINE = 13
BE_API_HEADER_LINE = 16
BALANCE_LINE = 20


async def open_config(client: LanguageClient, tmp_path: pathlib.Path, text: str = CONFIG) -> str:
    path = tmp_path / "haproxy.cfg"
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="haproxy", version=1, text=text
            )
        )
    )
    return uri


async def diagnostics_of(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    for _ in range(5):
        if uri in client.diagnostics:
            return list(client.diagnostics[uri])
        await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 10
        )
    raise AssertionError(f"no diagnostics published for {uri}")


async def test_diagnostics_carry_codes_links_and_severities(client, tmp_path):
    uri = await open_config(client, tmp_path)
    diagnostics = await diagnostics_of(client, uri)
    nbproc = [d for d in diagnostics if d.range.start.line == NBPROC_LINE]
    assert nbproc, diagnostics
    assert nbproc[0].severity == types.DiagnosticSeverity.Error
    assert "nbproc" in nbproc[0].message
    assert nbproc[0].code
    assert nbproc[0].code_description is not None
    assert "haplint" in (nbproc[0].source or "haplint")
    typo = [d for d in diagnostics if d.range.start.line == TYPO_LINE]
    assert typo and "be_apo" in typo[0].message, diagnostics


async def test_code_actions_offer_a_suppression(client, tmp_path):
    uri = await open_config(client, tmp_path)
    diagnostics = await diagnostics_of(client, uri)
    nbproc = next(d for d in diagnostics if d.range.start.line == NBPROC_LINE)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=nbproc.range,
            context=types.CodeActionContext(diagnostics=[nbproc]),
        )
    )
    assert actions, "no code actions"
    titles = [action.title for action in actions]
    assert any("haplint" in title.lower() or "suppress" in title.lower() for title in titles), titles
    assert all(isinstance(action, types.CodeAction) for action in actions)
    assert any(action.edit is not None for action in actions), titles


async def test_completion_in_a_backend_offers_its_keywords(client, tmp_path):
    text = CONFIG + "    ba"
    uri = await open_config(client, tmp_path, text)
    last_line = text.count("\n")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=last_line, character=6),
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    labels = [item.label for item in items or []]
    assert "balance" in labels, labels[:50]


async def test_hover_explains_a_keyword_with_a_docs_link(client, tmp_path):
    uri = await open_config(client, tmp_path)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=BALANCE_LINE, character=6),
        )
    )
    assert hover is not None
    contents = hover.contents
    text = contents.value if isinstance(contents, types.MarkupContent) else str(contents)
    assert "balance" in text
    assert "docs.haproxy.org" in text


async def test_definition_of_a_backend_reference(client, tmp_path):
    uri = await open_config(client, tmp_path)
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=USE_BACKEND_LINE, character=17),
        )
    )
    locations = result if isinstance(result, list) else [result]
    assert locations and locations[0] is not None
    first = locations[0]
    target = first.target_range if isinstance(first, types.LocationLink) else first.range
    assert target.start.line == BE_API_HEADER_LINE


async def test_rename_a_backend_everywhere(client, tmp_path):
    uri = await open_config(client, tmp_path)
    position = types.Position(line=BE_API_HEADER_LINE, character=10)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position
        )
    )
    assert prepared is not None
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position,
            new_name="be_backend_api",
        )
    )
    assert edit is not None
    edits = []
    if edit.changes:
        edits = edit.changes.get(uri, [])
    elif edit.document_changes:
        for change in edit.document_changes:
            if isinstance(change, types.TextDocumentEdit):
                edits.extend(change.edits)
    lines = sorted(e.range.start.line for e in edits)
    assert lines == [USE_BACKEND_LINE, BE_API_HEADER_LINE], lines
    assert all(e.new_text == "be_backend_api" for e in edits)
