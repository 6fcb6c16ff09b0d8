/**
 * The Quorum GitHub App (Probot 14): receives webhooks, authorizes, creates check runs with its
 * own token and dispatches the Action (docs/architecture.md). It runs no agents except the free-form author.
 *
 * | webhook | handler |
 * |---|---|
 * | `issue_comment.created` | `/workflow …` commands (trigger.ts) |
 * | `issues.labeled`, `pull_request.labeled` | `quorum:<name>` labels (trigger.ts) |
 * | `pull_request.opened` / `synchronize` / `ready_for_review` | the config's PR workflows (trigger.ts) |
 * | `check_run.requested_action` | Approve, Cancel, Re-run buttons (requested-action.ts) |
 *
 * Every delivery is handled at most once (rule X14, deliveries.ts): a repeat of a delivery id is
 * dropped before any handler sees it; a delivery whose handler failed is forgotten so that GitHub's
 * redelivery runs it.
 *
 * Errors thrown by a handler reach Probot, which logs them and answers the webhook with 500, so
 * GitHub shows the failed delivery in the App's settings (where it can be redelivered).
 */
import type { ApplicationFunction, Probot } from "probot";
import { MemoryDeliveryStore } from "./deliveries.ts";
import { appEvent } from "./event.ts";
import { resolveAppOptions, type QuorumAppOptions } from "./options.ts";
import { onRequestedAction } from "./requested-action.ts";
import { onTrigger } from "./trigger.ts";

/** Pull-request actions the App listens to (the decision filters further, rule G4). */
export const PULL_REQUEST_EVENTS = ["pull_request.opened", "pull_request.synchronize", "pull_request.ready_for_review", "pull_request.labeled"] as const;

export function quorumApp(options: QuorumAppOptions = {}): ApplicationFunction {
  const resolved = resolveAppOptions(options);
  return (app: Probot) => {
    const deliveries = resolved.deliveries ?? new MemoryDeliveryStore();
    /** Runs `handler` for the first copy of a delivery only (rule X14). */
    const once =
      <C extends { id: string; name: string }>(handler: (context: C) => Promise<void>) =>
      async (context: C): Promise<void> => {
        if (!(await deliveries.claim(context.id))) {
          app.log.info(`Delivery ${context.id} (${context.name}) was handled before; ignoring this copy.`);
          return;
        }
        try {
          await handler(context);
        } catch (error) {
          await deliveries.release(context.id).catch(() => undefined);
          throw error;
        }
      };
    let botLogin: Promise<string | undefined> | null = resolved.botLogin ? Promise.resolve(resolved.botLogin) : null;
    /** The App's bot account, asked once of `GET /app` when not configured. */
    const bot = (): Promise<string | undefined> =>
      (botLogin ??= app
        .auth()
        .then((octokit) => octokit.rest.apps.getAuthenticated())
        .then(({ data }) => (data?.slug ? `${data.slug}[bot]` : undefined))
        .catch((error: unknown) => {
          app.log.warn(`Could not ask GitHub for the App's bot login (${String(error)}); set QUORUM_BOT_LOGIN. Only comments marked as made by app ${resolved.appId ?? "?"} are trusted.`);
          return undefined;
        }));

    app.on(
      ["issue_comment.created", "issues.labeled", ...PULL_REQUEST_EVENTS],
      once(async (context) => {
        await onTrigger(appEvent(context, context.payload, resolved, bot), context.payload);
      }),
    );
    app.on(
      "check_run.requested_action",
      once(async (context) => {
        await onRequestedAction(appEvent(context, context.payload, resolved, bot), context.payload);
      }),
    );
  };
}
