// The pipec extension starts `pipec lsp` and lets it do everything: the
// server owns the language's knowledge, the extension only wires it up.
import { workspace, ExtensionContext } from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const command = workspace.getConfiguration("pipec").get<string>("path") || "pipec";
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    // *.pipec.json keeps the json language (highlighting) but is checked too.
    documentSelector: [
      { scheme: "file", language: "pipec" },
      { scheme: "file", pattern: "**/*.pipec.json" },
    ],
    synchronize: {
      // Sibling spec files form one spec, so changes on disk matter.
      fileEvents: workspace.createFileSystemWatcher("**/{pipec.hcl,*.pipec.hcl,*.pipec.json}"),
    },
  };
  client = new LanguageClient("pipec", "pipec", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
