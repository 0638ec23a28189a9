// The chat page: asks POST /api/chat/stream, shows the streamed answer and its citations, and plays a
// cited moment in an embedded YouTube player, or in an <audio> element for a podcast without video.
// Plain browser JavaScript, no build step, no dependencies.
"use strict";

const PLAYER_ORIGIN = "https://www.youtube-nocookie.com";
const KEY_STORAGE = "ask.apiKey";

const $ = (id) => document.getElementById(id);
const state = { conversationId: null, episodes: new Map(), busy: false, pendingQuestion: null, turns: 0, lastChip: null };

// ---- API ------------------------------------------------------------------------------------------

function headers(json) {
  const h = { Accept: json ? "application/json" : "text/event-stream" };
  if (json !== undefined) h["Content-Type"] = "application/json";
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) h["X-Api-Key"] = key;
  return h;
}

class ApiError extends Error {
  constructor(status, title, detail, requestId) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.requestId = requestId;
  }
}

async function problemOf(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: keep the status line */ }
  return new ApiError(response.status, body?.title || `${response.status} ${response.statusText}`,
    body?.detail || "", body?.request_id || response.headers.get("X-Request-Id"));
}

async function loadEpisodes() {
  const response = await fetch("api/episodes", { headers: { ...headers(), Accept: "application/json" } });
  if (!response.ok) throw await problemOf(response);
  const episodes = await response.json();
  state.episodes = new Map(episodes.map((e) => [e.id, e]));
  fillFilters(episodes);
}

/** Reads server-sent events from a fetch body; calls onEvent(name, data) for each complete event. */
async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) onEvent(name, JSON.parse(data.join("\n")));
    }
  }
}

// ---- Filters --------------------------------------------------------------------------------------

function guestLabel(id) {
  return id.split("-").filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(" ");
}

function fillFilters(episodes) {
  const episodeSelect = $("filter-episode");
  const guestSelect = $("filter-guest");
  const podcastSelect = $("filter-podcast");
  episodeSelect.length = 1;
  guestSelect.length = 1;
  podcastSelect.length = 1;
  const podcasts = new Map(episodes.filter((e) => e.podcast).map((e) => [e.podcast.id, e.podcast.title]));
  // One podcast needs no choice: the filter shows only when the index holds several.
  $("podcast-filter").hidden = podcasts.size < 2;
  for (const [id, title] of [...podcasts].sort((a, b) => a[1].localeCompare(b[1]))) podcastSelect.add(new Option(title, id));
  for (const e of [...episodes].sort((a, b) => a.title.localeCompare(b.title))) {
    episodeSelect.add(new Option(e.title, e.id));
  }
  const guests = [...new Set(episodes.flatMap((e) => e.guests || []))].sort();
  for (const g of guests) guestSelect.add(new Option(guestLabel(g), g));
}

// ---- Conversation ---------------------------------------------------------------------------------

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function addTurn(question) {
  $("empty-hint")?.remove();
  const turn = element("article", "turn");
  turn.id = `turn-${++state.turns}`;
  turn.append(element("p", "question", question));
  const answer = element("div", "answer");
  answer.setAttribute("aria-busy", "true");
  const text = element("p", "answer-text");
  answer.append(text);
  turn.append(answer);
  $("conversation").append(turn);
  turn.scrollIntoView({ block: "end", behavior: "smooth" });
  return { turn, answer, text };
}

function showProblem(view, error) {
  view.answer.dataset.status = "error";
  view.answer.removeAttribute("aria-busy");
  view.text.textContent = "";
  const box = element("div", "problem");
  box.setAttribute("role", "alert");
  box.append(element("strong", "", error.title || "Something went wrong"));
  if (error.message && error.message !== error.title) box.append(element("span", "", " — " + error.message));
  if (error.requestId) box.append(element("small", "request-id", `Request id: ${error.requestId}`));
  view.answer.append(box);
}

function renderCitations(view, citations) {
  view.answer.querySelector(".citations")?.remove();
  if (!citations.length) return;
  const list = element("ul", "citations");
  list.setAttribute("aria-label", "Citations");
  for (const c of citations) {
    const item = element("li", "citation");
    const chip = element("button", "chip");
    chip.type = "button";
    chip.id = `${view.turn.id}-cite-${c.marker}`;
    chip.dataset.marker = c.marker;
    chip.dataset.start = Math.floor(c.start_sec);
    chip.append(element("span", "marker", `[${c.marker}]`), element("span", "chip-title", c.title), element("span", "time", c.start));
    const quote = element("span", "quote");
    quote.id = `${chip.id}-quote`;
    quote.setAttribute("role", "tooltip");
    quote.append(element("q", "", c.quote));
    if (c.speaker) quote.append(element("span", "speaker", ` — ${c.speaker}, ${c.start}–${c.end}`));
    chip.setAttribute("aria-describedby", quote.id);
    chip.setAttribute("aria-label", `Play ${c.title} at ${c.start}`);
    chip.addEventListener("click", () => openPlayer(c, chip));
    item.append(chip, quote);
    list.append(item);
  }
  view.answer.append(list);
}

/** The validated answer text, with each [n] marker a link to its citation chip. */
function renderAnswerText(view, text) {
  view.text.textContent = "";
  let last = 0;
  for (const m of text.matchAll(/\[(\d{1,3})\]/g)) {
    view.text.append(text.slice(last, m.index));
    const chip = view.answer.querySelector(`.chip[data-marker="${m[1]}"]`);
    if (chip) {
      const link = element("a", "ref", m[0]);
      link.href = `#${chip.id}`;
      link.addEventListener("click", (e) => { e.preventDefault(); chip.focus(); });
      view.text.append(link);
    } else {
      view.text.append(m[0]);
    }
    last = m.index + m[0].length;
  }
  view.text.append(text.slice(last));
}

/** The moments retrieval found, shown while the model works; the validated citations replace them. */
function renderSources(view, sources) {
  view.answer.querySelector(".sources")?.remove();
  if (!sources.length) return;
  const box = element("div", "sources");
  box.append(element("p", "sources-note", `Found ${sources.length} moment${sources.length === 1 ? "" : "s"}; writing the answer…`));
  const list = element("ul", "");
  list.setAttribute("aria-label", "Moments found");
  for (const s of sources) list.append(element("li", "", `${s.passage.title} · ${s.passage.start}`));
  box.append(list);
  view.answer.append(box);
}

function finish(view, answer) {
  view.answer.querySelector(".sources")?.remove();
  view.answer.removeAttribute("aria-busy");
  view.answer.dataset.status = answer.status;
  view.answer.dataset.mode = answer.mode;
  state.conversationId = answer.conversation_id;
  renderCitations(view, answer.citations);
  renderAnswerText(view, answer.answer);
  const notes = element("p", "notes");
  if (answer.status === "not_in_archive") {
    notes.append(element("span", "", "The archive does not cover this. Try other words, or clear the filters."));
  } else if (answer.status === "refused") {
    notes.append(element("span", "", "The model declined to answer this question."));
  }
  if (answer.standalone_question && answer.standalone_question !== answer.question) {
    notes.append(element("span", "searched", `Searched for: “${answer.standalone_question}”`));
  }
  if (answer.degraded) notes.append(element("span", "degraded", `Quotes only, the model's answer was not usable (${answer.degraded.split(":")[0].replaceAll("_", " ")}).`));
  else if (answer.mode === "extractive" && answer.status === "answered") notes.append(element("span", "mode", "Verbatim quotes from the transcripts."));
  if (notes.childNodes.length) view.answer.append(notes);
}

async function ask(question) {
  const view = addTurn(question);
  const body = { question, conversation_id: state.conversationId };
  const episode = $("filter-episode").value;
  const guest = $("filter-guest").value;
  const podcast = $("filter-podcast").value;
  if (episode || guest || podcast) body.filters = { episode: episode || null, guest: guest || null, podcast: podcast || null };

  const response = await fetch("api/chat/stream", { method: "POST", headers: headers(true), body: JSON.stringify(body) });
  if (!response.ok) {
    const problem = await problemOf(response);
    view.turn.remove();
    throw problem;
  }
  let final = null;
  let failed = null;
  await readEvents(response.body, (name, data) => {
    if (name === "sources") renderSources(view, data);
    else if (name === "error") failed = data;
    else if (name === "delta") view.text.append(data.text);
    else if (name === "citations") renderCitations(view, data);
    else if (name === "final") final = data;
  });
  if (failed) throw Object.assign(new ApiError(0, failed.title, failed.detail, failed.request_id), { view });
  if (!final) throw Object.assign(new ApiError(0, "The answer was cut off", "The connection closed before the answer was complete. Please ask again."), { view });
  finish(view, final);
  return view;
}

// ---- Player ---------------------------------------------------------------------------------------

function videoIdOf(citation) {
  const known = state.episodes.get(citation.episode)?.youtube_id;
  if (known) return known;
  if (!citation.url) return null;
  try {
    const url = new URL(citation.url);
    return url.hostname.endsWith("youtube.com") ? url.searchParams.get("v") : null;
  } catch { return null; }
}

/** The episode's audio enclosure, for a moment without video. */
function audioOf(citation) {
  return state.episodes.get(citation.episode)?.audio_url || null;
}

function openPlayer(citation, chip) {
  state.lastChip = chip;
  const panel = $("player-panel");
  const frame = $("player-frame");
  const note = $("player-note");
  const start = Math.floor(citation.start_sec);
  $("player-title").textContent = `${citation.title} · ${citation.start}`;
  frame.textContent = "";
  note.textContent = "";
  const id = videoIdOf(citation);
  const audio = id ? null : audioOf(citation);
  if (id) {
    const iframe = document.createElement("iframe");
    iframe.id = "player";
    iframe.title = `Video: ${citation.title} from ${citation.start}`;
    iframe.allow = "autoplay; encrypted-media; picture-in-picture";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    iframe.src = `${PLAYER_ORIGIN}/embed/${encodeURIComponent(id)}?start=${start}&autoplay=1`;
    frame.append(iframe);
  } else if (audio) {
    const player = document.createElement("audio");
    player.id = "player";
    player.controls = true;
    player.preload = "auto";
    player.setAttribute("aria-label", `Audio: ${citation.title} from ${citation.start}`);
    // The media fragment starts playback at the moment; a server that cannot seek gets a second try.
    player.addEventListener("loadedmetadata", () => { if (player.currentTime < start) player.currentTime = start; }, { once: true });
    const url = new URL(audio);
    url.hash = `t=${start}`;
    player.src = url.href;
    frame.append(player);
    // A browser may refuse to start sound by itself; the controls are there to start it.
    player.play().catch(() => {});
  } else {
    frame.append(element("p", "no-video", "This episode has no video or audio link."));
  }
  note.append(element("q", "", citation.quote));
  if (citation.speaker) note.append(` — ${citation.speaker}`);
  if (citation.url) {
    const link = element("a", "external", id ? "Open on YouTube" : audio ? "Open the audio" : "Open the episode page");
    link.href = citation.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    note.append(" ", link);
  }
  panel.hidden = false;
  panel.scrollIntoView({ block: "start" });
  $("player-title").focus();
}

function closePlayer() {
  const panel = $("player-panel");
  if (panel.hidden) return;
  panel.hidden = true;
  $("player-frame").textContent = ""; // stops playback
  state.lastChip?.focus();
}

// ---- API key --------------------------------------------------------------------------------------

function askForKey(message) {
  $("api-key-panel").hidden = false;
  if (message) setStatus(message, true);
  $("api-key").focus();
}

// ---- Wiring ---------------------------------------------------------------------------------------

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", !!isError);
}

function setBusy(busy) {
  state.busy = busy;
  $("ask-button").disabled = busy;
  $("ask-button").textContent = busy ? "Asking…" : "Ask";
}

async function submitQuestion() {
  const input = $("question");
  const question = input.value.trim();
  if (!question) {
    setStatus("Type a question first.", true);
    input.focus();
    return;
  }
  if (state.busy) return;
  setBusy(true);
  setStatus("Searching the archive…");
  try {
    const view = await ask(question);
    input.value = "";
    // The status region is the one live region: one announcement per answer, not one per streamed word.
    const cited = view.answer.querySelectorAll(".chip").length;
    setStatus(view.answer.dataset.status === "answered" ? `Answered with ${cited} citation${cited === 1 ? "" : "s"}.` : "No answer from the archive.");
  } catch (error) {
    if (error.status === 401) {
      state.pendingQuestion = question;
      askForKey("This service needs an API key. Enter it, and your question is sent again.");
    } else if (error.view) {
      showProblem(error.view, error);
      setStatus(error.title, true);
    } else {
      const view = addTurn(question);
      showProblem(view, error);
      setStatus(error.title || "The question could not be answered.", true);
    }
  } finally {
    setBusy(false);
    input.focus();
  }
}

async function start() {
  $("ask-form").addEventListener("submit", (e) => { e.preventDefault(); submitQuestion(); });
  $("question").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submitQuestion(); }
  });
  $("new-conversation").addEventListener("click", () => {
    state.conversationId = null;
    for (const turn of document.querySelectorAll(".turn")) turn.remove();
    closePlayer();
    setStatus("New conversation: the next question starts fresh.");
    $("question").focus();
  });
  $("player-close").addEventListener("click", closePlayer);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closePlayer(); });
  $("api-key-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const key = $("api-key").value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORAGE, key);
    $("api-key").value = "";
    try {
      await loadEpisodes();
      $("api-key-panel").hidden = true;
      setStatus("Key accepted.");
      if (state.pendingQuestion) {
        $("question").value = state.pendingQuestion;
        state.pendingQuestion = null;
        await submitQuestion();
      }
    } catch (error) {
      sessionStorage.removeItem(KEY_STORAGE);
      setStatus(error.status === 401 ? "That key was not accepted." : `Could not load the episodes: ${error.message}`, true);
      $("api-key").focus();
    }
  });

  try {
    await loadEpisodes();
  } catch (error) {
    if (error.status === 401) askForKey("This service needs an API key.");
    else setStatus(`Could not load the episode list: ${error.message}`, true);
  }
  document.body.dataset.ready = "true";
}

start();
