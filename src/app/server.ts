/**
 * `npm start`: the Quorum App's webhook server (see http-server.ts for the environment it reads).
 * Stops accepting deliveries on SIGTERM/SIGINT and exits once in-flight requests are done.
 */
import { AppServerConfigError, checkServerEnv, createAppServer, DEFAULT_PORT } from "./http-server.ts";

try {
  checkServerEnv(process.env);
} catch (error) {
  if (!(error instanceof AppServerConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const port = Number(process.env.PORT ?? DEFAULT_PORT);
const host = process.env.HOST?.trim() || undefined;
const { server, probot, webhookPath, deliveries } = await createAppServer(process.env);
server.listen(port, host, () => {
  probot.log.info(`Quorum App listening on ${host ?? "0.0.0.0"}:${port}; webhooks at ${webhookPath}; delivery ids in ${deliveries.description}`);
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    probot.log.info(`${signal}: closing the server after in-flight deliveries`);
    server.close(() => void deliveries.close().finally(() => process.exit(0)));
  });
}
