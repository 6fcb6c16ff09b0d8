/**
 * The check run's buttons (GitHub "requested actions"): at most three per check run, labels and
 * identifiers of at most 20 characters, descriptions of at most 40. Pressing one sends the App a
 * `check_run.requested_action` webhook with the identifier.
 *
 * | state of the check run | buttons |
 * |---|---|
 * | free-form proposal waiting for approval | Approve, Cancel (= reject) |
 * | queued or running | Cancel |
 * | cancelled, failed or timed out (journal kept) | Re-run (resumes from the journal) |
 * | anything else | none |
 *
 * GitHub documents that buttons show once a check run has completed; a Cancel on a running check
 * run may therefore not be visible, and `/workflow cancel <run-id>` is the way that always works.
 * `actions: []` on an update removes the buttons.
 *
 * Here in src/github rather than src/app so the Action's check-run reporter can keep the buttons
 * on the App's check runs it updates (GitHub delivers a press only to the app that created the
 * check run, so they do nothing on check runs made with GITHUB_TOKEN).
 */

export const BUTTON_IDS = { approve: "quorum-approve", cancel: "quorum-cancel", rerun: "quorum-rerun" } as const;
export type ButtonId = (typeof BUTTON_IDS)[keyof typeof BUTTON_IDS];

export interface CheckRunButton {
  label: string;
  description: string;
  identifier: ButtonId;
}

export const APPROVE_BUTTON: CheckRunButton = { label: "Approve", description: "Run this script exactly as shown", identifier: BUTTON_IDS.approve };
export const CANCEL_BUTTON: CheckRunButton = { label: "Cancel", description: "Stop it; the journal is kept", identifier: BUTTON_IDS.cancel };
export const REJECT_BUTTON: CheckRunButton = { label: "Cancel", description: "Reject the script; nothing runs", identifier: BUTTON_IDS.cancel };
export const RERUN_BUTTON: CheckRunButton = { label: "Re-run", description: "Resume from the saved journal", identifier: BUTTON_IDS.rerun };

export type ButtonState = "awaiting_approval" | "running" | "resumable" | "done";

/**
 * The buttons for a check run in `state`. The Action's check-run reporter can use it too, so the
 * buttons follow the run: `running` while it works, `resumable` when it ends cancelled, failed or
 * timed out, `done` otherwise.
 */
export function buttonsFor(state: ButtonState): CheckRunButton[] {
  switch (state) {
    case "awaiting_approval":
      return [APPROVE_BUTTON, REJECT_BUTTON];
    case "running":
      return [CANCEL_BUTTON];
    case "resumable":
      return [RERUN_BUTTON];
    case "done":
      return [];
  }
}

export function isButtonId(value: string): value is ButtonId {
  return (Object.values(BUTTON_IDS) as string[]).includes(value);
}
