/**
 * The App's webhook server: Probot's Node middleware (`createNodeMiddleware`, which verifies every
 * delivery's signature with `WEBHOOK_SECRET`) in a plain `node:http` server, plus a health check.
 *
 * Required environment (Probot's names): `APP_ID`, `PRIVATE_KEY` (or `PRIVATE_KEY_PATH`),
 * `WEBHOOK_SECRET`. Optional: `PORT` (default {@link DEFAULT_PORT}), `HOST`, `WEBHOOK_PATH`
 * (default `/api/github/webhooks`), `REDIS_URL` (delivery ids shared by replicas, rule X14), `LOG_LEVEL`, `GHE_HOST` for GitHub Enterprise Server, and
 * Quorum's own (options.ts).
 */
import { createServer, type Server } from "node:http";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import { quorumApp } from "./app.ts";
import { deliveryStoreFromEnv, type DeliveryStore } from "./deliveries.ts";
import { appOptionsFromEnv, type QuorumAppOptions } from "./options.ts";
import { QuorumError, type QuorumErrorOptions } from "../kernel/errors.ts";

export const DEFAULT_PORT = 3000;
export const DEFAULT_WEBHOOK_PATH = "/api/github/webhooks";
/** Answers 200 `ok` for load balancers and uptime checks. */
export const HEALTH_PATH = "/healthz";

/** A setting the server cannot start without; the message says what to set. */
export class AppServerConfigError extends QuorumError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("app_server_config", message, options);
  }
}

/** Throws {@link AppServerConfigError} naming every missing variable. */
export function checkServerEnv(env: Record<string, string | undefined>): void {
  const missing: string[] = [];
  if (!env.APP_ID?.trim()) missing.push("APP_ID (the App's id, on its settings page)");
  if (!env.PRIVATE_KEY?.trim() && !env.PRIVATE_KEY_PATH?.trim()) missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH (a private key generated on the App's settings page)");
  if (!env.WEBHOOK_SECRET?.trim()) missing.push("WEBHOOK_SECRET (the secret entered when the App was registered)");
  if (missing.length > 0) throw new AppServerConfigError(`The Quorum App cannot start; set:\n${missing.map((m) => `  - ${m}`).join("\n")}\nSee "Running the Quorum App" in the README.`);
}

export interface AppServer {
  server: Server;
  probot: Probot;
  webhookPath: string;
  /** Where delivery ids are remembered; close it after the server. */
  deliveries: DeliveryStore;
}

/** Builds the server (not listening yet). `probot` and `options` are for tests. */
export async function createAppServer(env: Record<string, string | undefined> = process.env, overrides: { probot?: Probot; options?: QuorumAppOptions } = {}): Promise<AppServer> {
  const probot = overrides.probot ?? createProbot({ env });
  const webhookPath = env.WEBHOOK_PATH?.trim() || DEFAULT_WEBHOOK_PATH;
  const options = overrides.options ?? appOptionsFromEnv(env);
  const deliveries = options.deliveries ?? (await deliveryStoreFromEnv(env, (m) => probot.log.warn(m)));
  const middleware = await createNodeMiddleware(quorumApp({ ...options, deliveries }), { probot, webhooksPath: webhookPath });
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === HEALTH_PATH) {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return;
    }
    void middleware(req, res, () => {
      res.writeHead(404, { "content-type": "text/plain" }).end(`Not found. Webhooks go to ${webhookPath}.\n`);
    });
  });
  return { server, probot, webhookPath, deliveries };
}
