// The console page: plays Teams for one demo person at a time. Cards are rendered by the official
// adaptivecards renderer; buttons and forms go back to Zicht as Action.Execute invokes.
(() => {
  // Page ids carry a prefix: a card's own input ids (e.g. "date") must never find the page's controls.
  const $ = (id) => document.getElementById(`zc-${id}`);
  const state = { person: null, people: [], channel: null, after: 0, messages: [] };

  // Teams renders **bold** and line breaks in TextBlocks; the renderer leaves markdown to its host.
  const escapeHtml = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = escapeHtml(text)
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/\n/g, "<br>");
    result.didProcess = true;
  };

  const post = (path, body) =>
    fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json());

  // Teams dialogs (task/fetch, task/submit): a long form opens over the chat, as in Teams.
  async function dialogStep(name, data) {
    const dialog = $("dialog");
    const answer = await post("/console/api/dialog", { person: state.person, name, data });
    if (answer.card) {
      dialog.replaceChildren();
      renderCard(answer.card, dialog);
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) dialog.close();
  }

  // Teams asks for a card's current version when the person it names sees it (Universal Actions
  // refresh).
  const refreshFor = (card) =>
    card?.refresh?.action?.data && (card.refresh.userIds || []).includes(`29:${state.person}`)
      ? card.refresh.action.data
      : null;

  // The latest home card in the chat is asked for again when the person opens their chat.
  async function refreshLatest() {
    const holders = $("chat").querySelectorAll("[data-refresh]");
    const holder = holders[holders.length - 1];
    if (!holder) return;
    const answer = await post("/console/api/execute", {
      person: state.person,
      data: JSON.parse(holder.dataset.refresh),
      refresh: true,
    });
    if (answer.card) {
      holder.replaceChildren();
      renderCard(answer.card, holder);
    }
  }

  // The home pane: the person's home as Teams would show it now, asked for with the refresh of the
  // latest home card in their chat; redrawn when the person is chosen and after every step.
  async function refreshHome() {
    const me = state.people.find((p) => p.code === state.person);
    const source = [...state.messages]
      .reverse()
      .find((m) => m.conversation === me?.conversation && refreshFor(m.card));
    const pane = $("home");
    if (!source) {
      const empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = "Nog geen overzicht.";
      return pane.replaceChildren(empty);
    }
    const answer = await post("/console/api/execute", {
      person: state.person,
      data: refreshFor(source.card),
      refresh: true,
    });
    pane.replaceChildren();
    renderCard(answer.card || source.card, pane);
  }

  function renderCard(card, holder) {
    const data = refreshFor(card);
    if (data) holder.dataset.refresh = JSON.stringify(data);
    else delete holder.dataset.refresh;
    const ac = new AdaptiveCards.AdaptiveCard();
    ac.onExecuteAction = async (action) => {
      const data = action.data || {};
      if (data.msteams && data.msteams.type === "task/fetch") return dialogStep("task/fetch", data);
      if (holder.id === "zc-dialog") return dialogStep("task/submit", data).then(refreshHome);
      const answer = await post("/console/api/execute", { person: state.person, data });
      if (answer.card && holder.id === "home" && data.id !== card.refresh?.action?.data?.id) {
        // What the home opens (a case card, a form) comes in the chat; the home stays.
        append("chat", { from: "bot", card: answer.card });
      } else if (answer.card) {
        holder.replaceChildren();
        renderCard(answer.card, holder);
      }
      if (holder.id !== "home") await refreshHome();
    };
    ac.parse(card);
    holder.appendChild(ac.render());
  }

  function show(message, pane) {
    const el = document.createElement("div");
    el.className = `msg ${message.from}`;
    if (message.card) renderCard(message.card, el);
    else el.textContent = message.text || "";
    pane.appendChild(el);
    pane.scrollTop = pane.scrollHeight;
  }

  function redraw() {
    const me = state.people.find((p) => p.code === state.person);
    $("role").textContent = me ? `${me.role} · ${me.team}` : "";
    for (const [id, conversation] of [
      ["chat", me?.conversation],
      ["channel", state.channel],
    ]) {
      const pane = $(id);
      pane.replaceChildren();
      const mine = state.messages.filter((m) => m.conversation === conversation);
      if (mine.length === 0) {
        const empty = document.createElement("p");
        empty.className = "empty";
        empty.textContent =
          id === "chat" ? "Nog geen berichten. Typ bijvoorbeeld: help" : "Nog geen weekoverzicht.";
        pane.appendChild(empty);
      }
      for (const m of mine) show(m, pane);
    }
    void refreshLatest().then(refreshHome);
  }

  function append(paneId, message) {
    const pane = $(paneId);
    pane.querySelector(".empty")?.remove();
    show(message, pane);
  }

  async function poll() {
    const fresh = await fetch(`/console/api/messages?after=${state.after}`).then((r) => r.json());
    if (fresh.length > 0) {
      state.after = fresh[fresh.length - 1].seq;
      state.messages.push(...fresh);
      const me = state.people.find((p) => p.code === state.person);
      for (const m of fresh) {
        if (m.conversation === me?.conversation) append("chat", m);
        if (m.conversation === state.channel) append("channel", m);
      }
      // Something arrived for the person (a home, a reminder, a handover): their home follows.
      if (fresh.some((m) => m.conversation === me?.conversation)) await refreshHome();
    }
  }

  async function start() {
    state.people = await fetch("/console/api/people").then((r) => r.json());
    const channels = await fetch("/console/api/channels").then((r) => r.json());
    state.channel = (channels.find((c) => c.channel.includes("crt")) ?? channels[0])?.channel;
    const select = $("person");
    for (const p of state.people) {
      const option = document.createElement("option");
      option.value = p.code;
      option.textContent = `${p.name} — ${p.role}, ${p.team}`;
      select.appendChild(option);
    }
    state.person = state.people.find((p) => p.code === "ccp-1")?.code || state.people[0]?.code;
    select.value = state.person;
    select.addEventListener("change", () => {
      state.person = select.value;
      redraw();
    });
    // The date control is the console's clock: choosing a day makes it today for every command.
    $("date").value = (await post("/console/api/today", {})).today;
    $("date").addEventListener("change", async () => {
      const answer = await post("/console/api/today", { date: $("date").value });
      $("status").textContent = answer.error ?? `Het is nu ${answer.label} in de console.`;
    });
    $("say").addEventListener("submit", async (e) => {
      e.preventDefault();
      const text = $("text").value.trim();
      if (!text) return;
      $("text").value = "";
      await post("/console/api/say", { person: state.person, text });
      await poll();
    });
    for (const job of ["sweep", "digest"]) {
      $(job).addEventListener("click", async () => {
        $("status").textContent = "Bezig…";
        const answer = await post("/console/api/clock", { date: $("date").value, job });
        $("status").textContent = answer.error
          ? answer.error
          : answer.result?.ran === false
            ? `Niets verstuurd (${answer.result.reason === "already_done" ? "al gedaan voor deze periode" : "geen werkdag"}).`
            : `${answer.sent?.sent ?? 0} berichten verstuurd voor ${$("date").value}.`;
        await poll();
      });
    }
    redraw();
    setInterval(poll, 700);
  }

  start();
})();
