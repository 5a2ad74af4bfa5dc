// After a change, a person's App Home is published again: only a home that is open at that moment
// shows it (opening the tab publishes a fresh one anyway), so changes that come close together
// are folded into one publish. On a busy morning a PB recording five things in a minute costs one
// or two home builds, not five, and Slack's views.publish limit is kept.
//
// Slack says when a home is opened, never when it is left. A home opened within the last
// `openForMs` may still be on the person's screen and is kept current; anyone else's home is built
// when they open it. Without this, every form submitted from a slash command rebuilt a home nobody
// was looking at: a fifth of the embedded database's work at 50 people submitting at once.

export interface HomeRefresher {
  /** The person opened their home tab (and it was just published). */
  opened(userId: string): void;
  /** Something of the person's changed: publish their home soon, if it may be on screen. */
  refresh(userId: string): void;
  /** Drops what is pending. */
  stop(): void;
}

/** Schedules `publish(user)` at most once per `gapMs` per person whose home was open lately. */
export function homeRefresher(
  publish: (userId: string) => Promise<void>,
  gapMs: number,
  openForMs: number,
  now: () => number = Date.now,
): HomeRefresher {
  const pending = new Map<string, NodeJS.Timeout>();
  const openedAt = new Map<string, number>();
  const isOpen = (userId: string) => {
    const at = openedAt.get(userId);
    if (at === undefined) return false;
    if (now() - at <= openForMs) return true;
    openedAt.delete(userId);
    return false;
  };
  return {
    opened(userId) {
      // Re-inserted so the map stays in opening order and the oldest can be dropped first.
      openedAt.delete(userId);
      openedAt.set(userId, now());
      for (const [user, at] of openedAt) {
        if (now() - at <= openForMs) break;
        openedAt.delete(user);
      }
    },
    refresh(userId) {
      if (pending.has(userId) || !isOpen(userId)) return;
      const timer = setTimeout(() => {
        pending.delete(userId);
        void publish(userId);
      }, gapMs);
      // A pending publish never keeps the process alive.
      timer.unref();
      pending.set(userId, timer);
    },
    stop() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
