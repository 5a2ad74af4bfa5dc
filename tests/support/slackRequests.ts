import { createHmac } from "node:crypto";

// Requests as Slack sends them to /slack/events: form-encoded and signed with the signing secret.

export const SIGNING_SECRET = "test-signing-secret";

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-signature": signature, "x-slack-request-timestamp": String(timestamp) };
}

export async function post(url: string, body: string, headers: Record<string, string> = sign(body)) {
  return fetch(`${url}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

export function slashCommand(user: string, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "x",
    team_id: "T0DEMO",
    channel_id: "C0WORK",
    channel_name: "werk",
    user_id: user,
    user_name: user,
    command: "/zicht",
    text,
    response_url: responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    api_app_id: "A0ZICHT",
  }).toString();
}

export function interaction(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A view_submission of the modal the app opened, with the person's answers by block id. */
export function viewSubmission(user: string, view: object, values: Record<string, unknown>) {
  return interaction({
    type: "view_submission",
    team: { id: "T0DEMO" },
    user: { id: user, team_id: "T0DEMO" },
    api_app_id: "A0ZICHT",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: { ...view, id: "V1", state: { values }, team_id: "T0DEMO", app_id: "A0ZICHT", bot_id: "B0ZICHT" },
  });
}

export function blockAction(user: string, actionId: string, value: string, responseUrl: string) {
  return interaction({
    type: "block_actions",
    team: { id: "T0DEMO" },
    user: { id: user, team_id: "T0DEMO" },
    api_app_id: "A0ZICHT",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    response_url: responseUrl,
    container: { type: "message", channel_id: "D0DM" },
    channel: { id: "D0DM" },
    actions: [
      {
        type: "button",
        action_id: actionId,
        value,
        block_id: "actions_0",
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  });
}

// Slack's state.values shapes, by element type.
export const text = (value: string) => ({ value: { type: "plain_text_input", value } });
export const date = (value: string | null) => ({ value: { type: "datepicker", selected_date: value } });
export const select = (value: string | null) => ({
  value: { type: "static_select", selected_option: value ? { value } : null },
});
export const number = (value: string) => ({ value: { type: "number_input", value } });
export const checks = (values: string[]) => ({
  value: { type: "checkboxes", selected_options: values.map((v) => ({ value: v })) },
});
export const multi = (values: string[]) => ({
  value: { type: "multi_static_select", selected_options: values.map((v) => ({ value: v })) },
});

/** An Events API callback as Slack posts it: JSON, signed like every request. */
export function eventCallback(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "x",
    team_id: "T0DEMO",
    api_app_id: "A0ZICHT",
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { event_ts: `${Date.now() / 1000}`, ...event },
  });
}

export async function postEvent(url: string, body: string) {
  return fetch(`${url}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/json", ...sign(body) },
    body,
  });
}
