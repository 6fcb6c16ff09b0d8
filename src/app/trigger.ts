/**
 * Comments, labels and pull requests (rule G1, G2, G4, G5, G7): the same decision the Action makes
 * (`decideTrigger`: the `/workflow` grammar, prefix, drafts, config, permission of the sender),
 * acted on by the same flows (src/github/host/act.ts) through the App's host, which starts runs by
 * dispatching the Action.
 *
 * Edge cases:
 * - Ordinary and edited comments cost no API call (the decision checks them first).
 * - A broken `.github/quorum.yml` is answered on a comment; on a label or pull-request event it is
 *   logged: there is nobody to tell.
 */
import { ConfigError } from "../github/errors.ts";
import { actOnDecision } from "../github/host/index.ts";
import { decideTrigger } from "../github/trigger.ts";
import type { AppEvent } from "./event.ts";
import { appHost } from "./host.ts";

/** Handles one `issue_comment`, `issues` or `pull_request` delivery. */
export async function onTrigger(event: AppEvent, payload: unknown): Promise<void> {
  const host = appHost(event);
  let decision;
  try {
    decision = await decideTrigger({ octokit: host.octokit, owner: host.repo.owner, repo: host.repo.repo, loadConfig: host.config }, { name: event.eventName, payload });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    event.log.warn(`${event.eventName}: ${error.message}`);
    return;
  }
  await actOnDecision(host, decision);
}
