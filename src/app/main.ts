/** `npm run app`: starts the webhook server from the environment; SIGTERM/SIGINT close it cleanly. */
import { startServer } from './server.ts';

try {
  const server = await startServer();
  process.stdout.write(`ingress-audit App listening on ${server.url}${server.webhookPath}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(`ingress-audit App: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
