/**
 * The App as a Probot application function, for Probot's own runner:
 * `npx probot run ./src/app/probot-entry.ts`. Without `APP_ID` and a private key that runner serves
 * Probot's setup page, which registers the App from `app.yml` (the manifest flow) and writes
 * `APP_ID`, `PRIVATE_KEY` and `WEBHOOK_SECRET` into `.env`. In production use `npm start`
 * (server.ts) instead.
 */
import { quorumApp } from "./app.ts";
import { deliveryStoreFromEnv } from "./deliveries.ts";
import { appOptionsFromEnv } from "./options.ts";

export default quorumApp({ ...appOptionsFromEnv(), deliveries: await deliveryStoreFromEnv(process.env, (m) => console.warn(m)) });
