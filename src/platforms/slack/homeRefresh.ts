// After a change, a person's App Home is published again: only a home that is open at that moment
// shows it (opening the tab publishes a fresh one anyway), so changes that come close together
// are folded into one publish. On a busy morning a PB recording five things in a minute costs one
// or two home builds, not five, and Slack's views.publish limit is kept.

/** Schedules `publish(user)` at most once per `gapMs` per person; stop() drops what is pending. */
export function homeRefresher(publish: (userId: string) => Promise<void>, gapMs: number) {
  const pending = new Map<string, NodeJS.Timeout>();
  return {
    refresh(userId: string): void {
      if (pending.has(userId)) return;
      const timer = setTimeout(() => {
        pending.delete(userId);
        void publish(userId);
      }, gapMs);
      // A pending publish never keeps the process alive.
      timer.unref();
      pending.set(userId, timer);
    },
    stop(): void {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
