/** Entry point of the language server process (bundled as its own file; the client starts it over IPC/stdio). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
