"""Starts the haplint binary named by HAPLINT_BIN as a language server."""

import os
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BINARY = os.environ.get("HAPLINT_BIN", "haplint")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "server"]))
async def client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    related_information=True, version_support=True
                ),
                rename=types.RenameClientCapabilities(prepare_support=True),
                completion=types.CompletionClientCapabilities(
                    completion_item=types.ClientCompletionItemOptions(snippet_support=False)
                ),
                hover=types.HoverClientCapabilities(
                    content_format=[types.MarkupKind.Markdown]
                ),
            )
        ),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="work")],
        initialization_options={"targetVersion": "2.6"},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()
