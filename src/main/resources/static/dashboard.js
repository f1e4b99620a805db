// County Watch dashboard: /api/items for the first page, /stream for what comes after, /api/sources for health.
// Every scraped string goes into the page with textContent, never as HTML.
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
    node.title = "your time: " + instant.toLocaleString(undefined, {
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
  if (kind === "update" && item.updatedAt) meta.append(timeElement("badge badge-update", "updated ", item.updatedAt));
  const also = (item.alsoAt || []).length;
  if (also > 0) meta.append(el("span", "badge badge-also", "also at " + also + (also === 1 ? " site" : " sites")));
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
  while (view.items.size > MAX_ITEMS) {
    const last = list.lastElementChild;
    view.items.delete(last.dataset.id);
    last.remove();
  }
  $("empty").hidden = view.items.size > 0;
  $("count").textContent = "(" + view.items.size + ")";
}

async function loadItems(generation) {
  const response = await fetch("/api/items?" + queryString({ limit: "50" }));
  if (!response.ok || generation !== view.generation) return;
  const body = await response.json();
  if (generation !== view.generation) return;
  // items that arrived live meanwhile stay; the page fills in below them
  for (const item of body.items) {
    if (!view.items.has(item.id)) show(item, "item", false);
  }
}

function setState(name, text) {
  const badge = $("state");
  badge.className = "state state-" + name;
  badge.textContent = text;
}

function connect() {
  if (view.stream) view.stream.close();
  // EventSource sends Last-Event-ID by itself when it reconnects; a stream opened anew says it in the query.
  const resume = view.lastEventId ? { lastEventId: view.lastEventId } : {};
  const stream = new EventSource("/stream?" + queryString(resume));
  view.stream = stream;
  const generation = view.generation;
  stream.onopen = () => {
    setState("live", "live");
    // The server opens the stream once it knows where live begins: load the page only then, so that an
    // item stored meanwhile is either in the page or on the stream.
    if (view.loaded !== generation) {
      view.loaded = generation;
      loadItems(generation).catch(() => setState("offline", "offline — retrying"));
    }
  };
  stream.onerror = () => {
    if (stream.readyState === EventSource.CLOSED) {
      // the browser gave up (say, an HTTP error): try again ourselves
      setState("offline", "offline — retrying");
      setTimeout(() => { if (view.stream === stream) connect(); }, 5000);
    } else {
      setState("reconnecting", "reconnecting…");
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
    loadItems(view.generation).catch(() => setState("offline", "offline — retrying"));
  });
}

function clear() {
  view.items.clear();
  $("items").replaceChildren();
  $("empty").hidden = false;
  $("count").textContent = "";
}

// New filters: a new list and a fresh stream (no replay: the page it loads is the starting point).
function restart() {
  view.generation++;
  view.lastEventId = "";
  clear();
  setState("connecting", "connecting…");
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

function renderSources(sources) {
  const list = $("sources");
  list.replaceChildren();
  let bad = 0;
  for (const source of sources) {
    const state = source.state || {};
    const status = source.status || "new";
    const li = el("li", "source");
    li.dataset.status = status;
    if (status === "failing" || status === "dead") {
      li.classList.add("bad");
      bad++;
    }
    const head = el("div", "source-head");
    head.append(el("span", "source-name", state.name || source.id));
    head.append(el("span", "status status-" + status, status));
    li.append(head);
    const counts = el("div", "item-meta");
    const count = state.itemCount || 0;
    counts.append(el("span", null, count + (count === 1 ? " item" : " items")));
    if (state.lastSuccessAt) counts.append(timeElement("source-time", "last ok ", state.lastSuccessAt));
    if (state.lastErrorAt && status !== "ok") {
      counts.append(timeElement("source-time", "last failure ", state.lastErrorAt));
    }
    li.append(counts);
    if (state.lastError && status !== "ok") li.append(el("div", "source-error", state.lastError));
    list.append(li);

    option($("filter-source"), source.id, state.name || source.id);
    for (const tag of state.tags || []) option($("filter-tag"), tag, tag);
  }
  $("health-summary").textContent = sources.length + " sources" + (bad ? ", " + bad + " failing" : ", all answering");
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
    renderSources([...sourceRows.values()]);
  } catch (e) {
    // the stream's state badge already tells that the service is unreachable
  }
}

function init() {
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
  window.addEventListener("offline", () => setState("offline", "offline"));
  window.addEventListener("online", () => connect());
  restart();
  loadSources();
  setInterval(loadSources, SOURCES_EVERY_MS);
}

init();
