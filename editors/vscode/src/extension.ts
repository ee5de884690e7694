// The haplint extension: starts `haplint server` for HAProxy files and adds
// a few commands and a status bar item around it.

import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { findHaplint } from './discovery';
import {
  KNOWN_VERSIONS,
  effectiveTarget,
  firstWorkspaceFolder,
  serverOptions,
} from './settings';

const FIX_ALL_KIND = 'source.fixAll.haplint';
const EXPLAIN_SCHEME = 'haplint-explain';
const INSTALL_HINT =
  'Install haplint (`cargo install --path .` in a checkout of haplint) so that it is on the PATH, ' +
  'set `haplint.path` to the binary, or install the platform build of this extension, which bundles it.';

let client: LanguageClient | undefined;
let binary: string | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
/** Rule explanations shown in the Markdown preview, by URI path. */
const explanations = new Map<string, string>();
const explanationChanged = new vscode.EventEmitter<vscode.Uri>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('haplint');
  statusItem = vscode.window.createStatusBarItem('haplint.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'haplint';
  statusItem.command = 'haplint.selectTargetVersion';
  context.subscriptions.push(output, statusItem, explanationChanged);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, {
      onDidChange: explanationChanged.event,
      provideTextDocumentContent: (uri) => explanations.get(uri.path) ?? '',
    }),
    vscode.commands.registerCommand('haplint.restartServer', () => restart(context)),
    vscode.commands.registerCommand('haplint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('haplint.fixAll', fixAll),
    vscode.commands.registerCommand('haplint.explainRule', explainRule),
    vscode.commands.registerCommand('haplint.selectTargetVersion', selectTargetVersion),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('haplint')) {
        return;
      }
      if (event.affectsConfiguration('haplint.path')) {
        await restart(context);
      } else if (client?.state === State.Running) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { haplint: serverOptions() },
        });
      }
      updateStatus();
    }),
  );

  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = findHaplint({
    setting: vscode.workspace.getConfiguration('haplint').get<string>('path') ?? '',
    extensionPath: context.extensionPath,
    workspaceFolder: firstWorkspaceFolder(),
    envPath: process.env.PATH,
  });
  if (found.kind === 'missing') {
    binary = undefined;
    const looked = found.looked.join('; ');
    output.appendLine(`haplint was not found. Looked at: ${looked}`);
    statusItem.text = '$(error) haplint not found';
    statusItem.tooltip = `Looked at: ${looked}`;
    statusItem.command = 'haplint.showOutput';
    statusItem.show();
    void vscode.window
      .showErrorMessage(`haplint: the haplint binary was not found. Looked at: ${looked}. ${INSTALL_HINT}`,
        'Open Settings', 'Show Output')
      .then((choice) => {
        if (choice === 'Open Settings') {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'haplint.path');
        } else if (choice === 'Show Output') {
          output.show(true);
        }
      });
    return;
  }
  binary = found.binary;
  output.appendLine(`starting ${found.binary} server (found through ${found.from})`);

  const server: ServerOptions = { command: found.binary, args: ['server'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'haproxy' },
      { scheme: 'untitled', language: 'haproxy' },
    ],
    initializationOptions: serverOptions(),
    outputChannel: output,
  };
  // The id makes vscode-languageclient follow `haplint.trace.server`.
  client = new LanguageClient('haplint', 'haplint', server, clientOptions);
  statusItem.command = 'haplint.selectTargetVersion';
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`the language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(
      `haplint: ${found.binary} did not start as a language server (${String(error)}).`,
      'Show Output',
    ).then((choice) => choice && output.show(true));
  }
  updateStatus();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop(5000);
    } catch (error) {
      output.appendLine(`stopping the server: ${String(error)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

function updateStatus(): void {
  if (binary === undefined || client === undefined) {
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const version = client.initializeResult?.serverInfo?.version ?? '?';
  const target = effectiveTarget(editor?.document);
  statusItem.text = `haplint ${version} · HAProxy ${target.version}`;
  statusItem.tooltip = new vscode.MarkdownString(
    `haplint ${version} (\`${binary}\`)\n\n` +
      `Target: HAProxy ${target.version}, from ${target.from}. Click to change it.`,
  );
  if (editor === undefined || editor.document.languageId === 'haproxy') {
    statusItem.show();
  } else {
    statusItem.hide();
  }
}

async function selectTargetVersion(): Promise<void> {
  const current = vscode.workspace.getConfiguration('haplint').get<string>('targetVersion') ?? '';
  const items: (vscode.QuickPickItem & { value: string })[] = [
    {
      label: 'From haplint.toml',
      description: current === '' ? 'current' : undefined,
      detail: "target-version of the nearest haplint.toml, else haplint's default",
      value: '',
    },
    ...KNOWN_VERSIONS.slice()
      .reverse()
      .map((version) => ({
        label: `HAProxy ${version}`,
        description: version === current ? 'current' : undefined,
        value: version,
      })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Check HAProxy files against which version?',
  });
  if (picked === undefined) {
    return;
  }
  const scope = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace
    .getConfiguration('haplint')
    .update('targetVersion', picked.value === '' ? undefined : picked.value, scope);
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== 'haproxy') {
    void vscode.window.showInformationMessage('haplint: open an HAProxy file first.');
    return;
  }
  if (client?.state !== State.Running) {
    void vscode.window.showErrorMessage('haplint: the language server is not running (see haplint: Show the output).');
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    FIX_ALL_KIND,
  );
  const fix = actions?.find((action) => action.kind?.value === FIX_ALL_KIND && action.edit !== undefined);
  if (fix?.edit === undefined) {
    void vscode.window.showInformationMessage('haplint: nothing in this file can be fixed safely.');
    return;
  }
  await vscode.workspace.applyEdit(fix.edit);
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    if (binary === undefined) {
      reject(new Error('the haplint binary was not found'));
      return;
    }
    execFile(binary, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(stderr.trim() || error.message));
      } else {
        resolve(stdout);
      }
    });
  });
}

function ruleCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'string') {
    return code;
  }
  if (typeof code === 'object' && code !== null) {
    return String(code.value);
  }
  return undefined;
}

async function explainRule(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  let rules: string[] = [];
  if (editor !== undefined) {
    const position = editor.selection.active;
    rules = vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((diagnostic) => diagnostic.source === 'haplint' && diagnostic.range.contains(position))
      .map(ruleCode)
      .filter((rule): rule is string => rule !== undefined);
    // A rule named in a suppression comment: `# haplint: ignore[rule-name]`.
    const word = editor.document.getWordRangeAtPosition(position, /[a-z0-9][a-z0-9-]*/);
    if (rules.length === 0 && word !== undefined) {
      const line = editor.document.lineAt(position.line).text;
      if (/haplint:\s*ignore/.test(line)) {
        rules = [editor.document.getText(word)];
      }
    }
  }
  rules = [...new Set(rules)];
  let rule: string | undefined = rules.length === 1 ? rules[0] : undefined;
  if (rule === undefined) {
    let names = rules;
    if (names.length === 0) {
      try {
        const listed = JSON.parse(await run(['rules', '--output-format', 'json'])) as { name: string }[];
        names = listed.map((entry) => entry.name);
      } catch (error) {
        void vscode.window.showErrorMessage(`haplint: could not list the rules: ${String(error)}`);
        return;
      }
    }
    rule = await vscode.window.showQuickPick(names, {
      title: rules.length === 0 ? 'No haplint finding under the cursor: explain which rule?' : 'Explain which rule?',
    });
    if (rule === undefined) {
      return;
    }
  }
  let markdown: string;
  try {
    markdown = await run(['explain', rule]);
  } catch (error) {
    void vscode.window.showErrorMessage(`haplint explain ${rule}: ${String(error)}`);
    return;
  }
  const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${rule}.md` });
  explanations.set(uri.path, markdown);
  explanationChanged.fire(uri);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
