import { describe, expect, it } from "vitest";
import { homeRefresher } from "../../../src/platforms/slack/homeRefresh.ts";

// Which homes are rebuilt after a change: only one opened lately, once per gap.

const GAP = 20;
const OPEN_FOR = 60_000;
const settle = () => new Promise((r) => setTimeout(r, GAP * 3));

function refresherAt(clock: { now: number }) {
  const published: string[] = [];
  const homes = homeRefresher(
    async (user) => void published.push(user),
    GAP,
    OPEN_FOR,
    () => clock.now,
  );
  return { homes, published };
}

describe("home refresher", () => {
  it("publishes a home opened within the window once for changes close together", async () => {
    const clock = { now: 1_000_000 };
    const { homes, published } = refresherAt(clock);
    homes.opened("U1");
    clock.now += OPEN_FOR - 1;
    homes.refresh("U1");
    homes.refresh("U1");
    await settle();
    expect(published).toEqual(["U1"]);
  });

  it("leaves a home never opened, or opened longer ago than the window, to be built when opened", async () => {
    const clock = { now: 1_000_000 };
    const { homes, published } = refresherAt(clock);
    homes.opened("U1");
    clock.now += OPEN_FOR + 1;
    homes.refresh("U1");
    homes.refresh("U2");
    await settle();
    expect(published).toEqual([]);
    homes.opened("U1");
    homes.refresh("U1");
    await settle();
    expect(published).toEqual(["U1"]);
  });

  it("drops what is pending at stop", async () => {
    const clock = { now: 1_000_000 };
    const { homes, published } = refresherAt(clock);
    homes.opened("U1");
    homes.refresh("U1");
    homes.stop();
    await settle();
    expect(published).toEqual([]);
  });
});
