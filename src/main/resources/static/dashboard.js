// County Watch dashboard: /api/items for the first page, /stream for what comes after, /api/sources for health.
// Every scraped string goes into the page with textContent, never as HTML. Words come from i18n (dashboard-i18n.js).
"use strict";

const MAX_ITEMS = 200;
const SOURCES_EVERY_MS = 30000;
const $ = (id) => document.getElementById(id);

const view = {
  items: new Map(), // item id -> <li>
  stream: null,
  generation: 0,    // bumps when filters change, so answers for old filters are dropped
  loaded: -1,       // the generation whose first page is loaded
  lastEventId: "",  // for a stream we open again ourselves; EventSource keeps its own otherwise
  data: new Map(),  // item id -> [item, kind], to draw the list again in another language
  state: ["connecting", "connecting"], // the badge: CSS state and i18n key
  config: null,     // the sources file's state from /api/sources
  sources: null,    // the last /api/sources answer, likewise
};

function filters() {
  const params = new URLSearchParams(location.search);
  return { tag: params.get("tag") || "", source: params.get("source") || "", q: params.get("q") || "" };
}

function queryString(extra) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters())) {
    if (value.trim()) params.set(key, value.trim());
  }
  for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
  return params.toString();
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// Scraped URLs could be javascript: or data: links; only web links become clickable.
function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

// Every time is shown on its source's clock, labelled with that clock's UTC offset. Item dates come with the
// source's own offset: that wall-clock time is what the site itself shows, and a date printed without a time stays
// on its day. /api/sources gives a source's poll times in the same zone, so an item and its source's "last ok"
// read on one clock. Hovering a time shows it in the reader's own zone.
function clockTime(iso) {
  return iso ? iso.slice(0, 16).replace("T", " ") + " " + offsetLabel(iso) : "";
}

// "+08:00" → "UTC+8", "+05:30" → "UTC+5:30", "Z" or "+00:00" → "UTC"
function offsetLabel(iso) {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!offset || (offset[2] === "00" && offset[3] === "00")) return "UTC";
  return "UTC" + offset[1] + Number(offset[2]) + (offset[3] === "00" ? "" : ":" + offset[3]);
}

function timeElement(className, prefix, iso) {
  const node = el("time", className, prefix + clockTime(iso));
  node.dateTime = iso;
  const instant = new Date(iso);
  if (!Number.isNaN(instant.getTime())) {
    node.title = i18n.t("yourTime") + instant.toLocaleString(i18n.lang, {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
    });
  }
  return node;
}

function renderItem(item, kind) {
  const li = el("li", "item");
  li.dataset.id = item.id;
  const href = safeUrl(item.url);
  const title = el(href ? "a" : "span", "item-title", item.title);
  if (href) {
    title.href = href;
    title.target = "_blank";
    title.rel = "noopener noreferrer";
  }
  li.append(title);
  const meta = el("div", "item-meta");
  meta.append(el("span", "item-source", item.sourceName || item.sourceId));
  if (item.publishedAt) meta.append(timeElement("item-time", "", item.publishedAt));
  if (kind === "update" && item.updatedAt) {
    meta.append(timeElement("badge badge-update", i18n.t("updated"), item.updatedAt));
  }
  const also = (item.alsoAt || []).length;
  if (also > 0) meta.append(el("span", "badge badge-also", i18n.t("alsoAt", also)));
  li.append(meta);
  if (item.summary) li.append(el("p", "item-summary", item.summary));
  return li;
}

function show(item, kind, live) {
  const list = $("items");
  const li = renderItem(item, kind);
  const old = view.items.get(item.id);
  if (old) {
    old.replaceWith(li);
  } else if (live) {
    list.prepend(li);
  } else {
    list.append(li);
  }
  if (live) li.classList.add("fresh");
  view.items.set(item.id, li);
  view.data.set(item.id, [item, kind]);
  while (view.items.size > MAX_ITEMS) {
    const last = list.lastElementChild;
    view.items.delete(last.dataset.id);
    view.data.delete(last.dataset.id);
    last.remove();
  }
  showListState();
}

// "Loading…" until the first page is in, then "No items yet" only if there really are none.
function showListState() {
  const loading = view.loaded !== view.generation || view.loading;
  $("loading").hidden = !loading || view.items.size > 0;
  $("empty").hidden = loading || view.items.size > 0;
  $("count").textContent = view.items.size > 0 ? "(" + view.items.size + ")" : "";
}

async function loadItems(generation) {
  view.loading = true;
  showListState();
  try {
    const response = await fetch("/api/items?" + queryString({ limit: "50" }));
    if (!response.ok || generation !== view.generation) return;
    const body = await response.json();
    if (generation !== view.generation) return;
    // items that arrived live meanwhile stay; the page fills in below them
    for (const item of body.items) {
      if (!view.items.has(item.id)) show(item, "item", false);
    }
  } finally {
    if (generation === view.generation) {
      view.loading = false;
      showListState();
    }
  }
}

// name: the CSS state; key: its words in i18n
function setState(name, key) {
  view.state = [name, key || name];
  const badge = $("state");
  badge.className = "state state-" + name;
  badge.textContent = i18n.t(key || name);
}

function connect() {
  if (view.stream) view.stream.close();
  // EventSource sends Last-Event-ID by itself when it reconnects; a stream opened anew says it in the query.
  const resume = view.lastEventId ? { lastEventId: view.lastEventId } : {};
  const stream = new EventSource("/stream?" + queryString(resume));
  view.stream = stream;
  const generation = view.generation;
  stream.onopen = () => {
    setState("live");
    // The server opens the stream once it knows where live begins: load the page only then, so that an
    // item stored meanwhile is either in the page or on the stream.
    if (view.loaded !== generation) {
      view.loaded = generation;
      loadItems(generation).catch(() => setState("offline", "offlineRetrying"));
    }
  };
  stream.onerror = () => {
    if (stream.readyState === EventSource.CLOSED) {
      // the browser gave up (say, an HTTP error): try again ourselves
      setState("offline", "offlineRetrying");
      setTimeout(() => { if (view.stream === stream) connect(); }, 5000);
    } else {
      setState("reconnecting");
    }
  };
  for (const kind of ["item", "update"]) {
    stream.addEventListener(kind, (event) => {
      if (generation !== view.generation) return;
      view.lastEventId = event.lastEventId;
      show(JSON.parse(event.data), kind, true);
    });
  }
  stream.addEventListener("reset", (event) => {
    view.lastEventId = event.lastEventId;
    clear();
    loadItems(view.generation).catch(() => setState("offline", "offlineRetrying"));
  });
}

function clear() {
  view.items.clear();
  view.data.clear();
  $("items").replaceChildren();
  showListState();
}

// New filters: a new list and a fresh stream (no replay: the page it loads is the starting point).
function restart() {
  view.generation++;
  view.lastEventId = "";
  clear();
  setState("connecting");
  connect();
}

function applyFilters() {
  const params = new URLSearchParams();
  for (const key of ["tag", "source", "q"]) {
    const value = $("filter-" + key).value.trim();
    if (value) params.set(key, value);
  }
  const search = params.toString();
  history.replaceState(null, "", search ? "?" + search : location.pathname);
  restart();
}

function option(select, value, label) {
  if ([...select.options].some((o) => o.value === value)) return;
  const node = el("option", null, label);
  node.value = value;
  select.append(node);
}

// Why a source has the badge it has: the last error of a failing or dead source, the problems of one that answers
// badly ("no dates", "0 items"). Removed sources show none: their last error is history.
function reason(source, status) {
  const state = source.state || {};
  if ((status === "failing" || status === "dead") && state.lastError) return state.lastError;
  if (status === "unhealthy" || status === "empty") {
    return (source.problems || []).map((p) => i18n.t("problem", p)).join(i18n.lang === "en" ? ", " : "，");
  }
  return "";
}

function renderSource(source) {
  const state = source.state || {};
  const status = source.status || "new";
  const li = el("li", "source");
  li.dataset.status = status;
  if (status === "failing" || status === "dead") li.classList.add("bad");
  const why = reason(source, status);
  const head = el("div", "source-head");
  head.append(el("span", "source-name", state.name || source.id));
  const badge = el("span", "status status-" + status, i18n.t("status")[status] || status);
  if (why) badge.title = why;
  head.append(badge);
  li.append(head);
  const counts = el("div", "item-meta");
  counts.append(el("span", null, i18n.t("items", state.itemCount || 0)));
  if (state.lastSuccessAt) counts.append(timeElement("source-time", i18n.t("lastOk"), state.lastSuccessAt));
  if (state.lastErrorAt && (status === "failing" || status === "dead")) {
    counts.append(timeElement("source-time", i18n.t("lastFailure"), state.lastErrorAt));
  }
  li.append(counts);
  if (why) li.append(el("div", status === "failing" || status === "dead" ? "source-error" : "source-reason", why));
  return li;
}

function renderSources(sources) {
  view.sources = sources;
  const active = sources.filter((s) => s.status !== "removed");
  const removed = sources.filter((s) => s.status === "removed");
  $("sources").replaceChildren(...active.map(renderSource));
  $("removed-sources").replaceChildren(...removed.map(renderSource));
  $("removed").hidden = removed.length === 0;
  $("removed-summary").textContent = i18n.t("removedSummary", removed.length);
  const failing = active.filter((s) => s.status === "failing" || s.status === "dead").length;
  const unhealthy = active.filter((s) => s.status === "unhealthy" || s.status === "empty").length;
  $("health-summary").textContent = i18n.t("summary", active.length, failing, unhealthy);
  // removed sources stay in the filters: their items are still there to find
  for (const source of sources) {
    const state = source.state || {};
    option($("filter-source"), source.id, state.name || source.id);
    for (const tag of state.tags || []) option($("filter-tag"), tag, tag);
  }
}

// The sources file on disk does not load: the service runs the previous one, and says so until it is fixed.
function renderConfig(config) {
  const stale = Boolean(config && config.stale);
  $("config-banner").hidden = !stale;
  if (!stale) return;
  $("config-banner-text").textContent = i18n.t("configStale", config.file || "");
  $("config-errors").replaceChildren(...(config.errors || []).map((error) => el("li", null, error)));
}

// Only the sources changed since the answer before last (a change number is taken before its write commits).
const sourceRows = new Map();
let sourcesSince = 0;
let sourcesVersion = 0;

async function loadSources() {
  try {
    const response = await fetch("/api/sources?since=" + sourcesSince);
    if (!response.ok) return;
    const body = await response.json();
    for (const source of body.sources || []) sourceRows.set(source.id, source);
    [sourcesSince, sourcesVersion] = [sourcesVersion, body.version || 0];
    view.config = body.config;
    renderSources([...sourceRows.values()]);
    renderConfig(body.config);
  } catch (e) {
    // the stream's state badge already tells that the service is unreachable
  }
}

// Draws everything again in the chosen language, and keeps the choice for the next visit.
function switchLanguage(lang) {
  i18n.save(lang);
  i18n.apply();
  setState(...view.state);
  for (const [id, li] of view.items) {
    const [item, kind] = view.data.get(id);
    const fresh = renderItem(item, kind);
    li.replaceWith(fresh);
    view.items.set(id, fresh);
  }
  if (view.sources) renderSources(view.sources);
  renderConfig(view.config);
  showListState();
}

function init() {
  i18n.apply();
  $("lang").value = i18n.lang;
  $("lang").addEventListener("change", () => switchLanguage($("lang").value));
  const current = filters();
  for (const key of ["tag", "source"]) {
    if (current[key]) option($("filter-" + key), current[key], current[key]);
    $("filter-" + key).value = current[key];
    $("filter-" + key).addEventListener("change", applyFilters);
  }
  $("filter-q").value = current.q;
  let typing;
  $("filter-q").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(applyFilters, 400);
  });
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    applyFilters();
  });
  $("filter-clear").addEventListener("click", () => {
    for (const key of ["tag", "source", "q"]) $("filter-" + key).value = "";
    applyFilters();
  });
  window.addEventListener("offline", () => setState("offline"));
  window.addEventListener("online", () => connect());
  restart();
  loadSources();
  setInterval(loadSources, SOURCES_EVERY_MS);
}

init();
