// Chat platforms wait a few seconds for an answer and then show the person an error, even when the
// work succeeds later. An answer that needs the database races a budget: in time, it is the answer;
// too late, the platform gets a "still working" answer and the outcome follows as a message.

/** Slack waits 3 s for a view submission's ack, including the network both ways. */
export const SLACK_SUBMIT_BUDGET_MS = 2_000;
/** Teams waits about 5 s for an invoke (Action.Execute) response. */
export const TEAMS_INVOKE_BUDGET_MS = 3_000;

/** The work's result if it settles within `ms`, otherwise null (the work goes on). */
export function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
