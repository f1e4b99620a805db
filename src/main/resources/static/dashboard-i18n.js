// The dashboard's words in Chinese and English. The language is the reader's choice (kept in localStorage), else
// the browser's first language: Chinese for any zh-*, English otherwise. Scraped titles, source names and the
// service's own error texts are data and are shown as they are.
"use strict";

const LANG_KEY = "countywatch.lang";

const STRINGS = {
  "en": {
    pageTitle: "County Watch · live",
    language: "Language",
    connecting: "connecting…",
    live: "live",
    reconnecting: "reconnecting…",
    offline: "offline",
    offlineRetrying: "offline — retrying",
    tag: "Tag",
    allTags: "all tags",
    source: "Source",
    allSources: "all sources",
    keyword: "Keyword",
    keywordHint: "title or summary",
    clear: "Clear",
    latest: "Latest items",
    loading: "Loading items…",
    empty: "No items yet for these filters.",
    sources: "Sources",
    feeds: "Feeds:",
    yourTime: "your time: ",
    updated: "updated ",
    alsoAt: (n) => "also at " + n + (n === 1 ? " site" : " sites"),
    items: (n) => n + (n === 1 ? " item" : " items"),
    lastOk: "last ok ",
    lastFailure: "last failure ",
    failingSince: "failing since ",
    summary: (total, failing, unhealthy) =>
      total + (total === 1 ? " source" : " sources")
      + (failing ? ", " + failing + " failing" : "")
      + (unhealthy ? ", " + unhealthy + " with problems" : "")
      + (failing || unhealthy ? "" : ", all answering"),
    removedSummary: (n) => n + (n === 1 ? " removed source (its items stay)" : " removed sources (their items stay)"),
    configStale: (file) => "The sources file " + file + " has errors: the service keeps running the last valid version."
      + " Fix the lines below; the file is read again when it is saved.",
    status: {
      new: "new", ok: "ok", empty: "empty", unhealthy: "unhealthy", failing: "failing", dead: "dead",
      removed: "removed",
    },
    problem: (text) => text,
  },
  "zh-CN": {
    pageTitle: "County Watch · 县市新闻实时",
    language: "语言",
    connecting: "正在连接…",
    live: "实时",
    reconnecting: "正在重新连接…",
    offline: "离线",
    offlineRetrying: "离线，正在重试",
    tag: "标签",
    allTags: "全部标签",
    source: "来源",
    allSources: "全部来源",
    keyword: "关键词",
    keywordHint: "标题或摘要",
    clear: "清除",
    latest: "最新条目",
    loading: "正在加载条目…",
    empty: "这些筛选条件下还没有条目。",
    sources: "来源",
    feeds: "订阅：",
    yourTime: "您的时间：",
    updated: "更新于 ",
    alsoAt: (n) => "另见 " + n + " 个网站",
    items: (n) => n + " 条",
    lastOk: "最近成功 ",
    lastFailure: "最近失败 ",
    failingSince: "失败始于 ",
    summary: (total, failing, unhealthy) =>
      total + " 个来源"
      + (failing ? "，" + failing + " 个失败" : "")
      + (unhealthy ? "，" + unhealthy + " 个有问题" : "")
      + (failing || unhealthy ? "" : "，全部正常应答"),
    removedSummary: (n) => n + " 个已移除的来源（条目保留）",
    configStale: (file) => "来源文件 " + file + " 有错误：服务仍按上一个有效版本运行。请修正以下各行，保存后会重新读取。",
    status: {
      new: "新", ok: "正常", empty: "无条目", unhealthy: "有问题", failing: "失败", dead: "停用",
      removed: "已移除",
    },
    // the service's problem words (SourceHealth, ExtractionHealth), in Chinese
    problem: (text) => {
      if (text === "0 items") return "0 条";
      if (text === "no dates") return "没有日期";
      const failed = /^(\d+) detail pages? failed$/.exec(text);
      return failed ? failed[1] + " 个详情页失败" : text;
    },
  },
};

function chooseLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(LANG_KEY);
  } catch (e) {
    // storage may be off (private mode): the browser's language then
  }
  if (saved && STRINGS[saved]) return saved;
  const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
  for (const lang of wanted) {
    const code = String(lang).toLowerCase();
    if (code.startsWith("zh")) return "zh-CN";
    if (code.startsWith("en")) return "en";
  }
  return "en";
}

const i18n = {
  lang: chooseLanguage(),
  t(key, ...args) {
    const value = STRINGS[this.lang][key];
    return typeof value === "function" ? value(...args) : value;
  },
  save(lang) {
    this.lang = STRINGS[lang] ? lang : "en";
    try {
      localStorage.setItem(LANG_KEY, this.lang);
    } catch (e) {
      // not kept: the choice holds for this page only
    }
  },
  // the static texts of the page, from their data-i18n keys
  apply() {
    document.documentElement.lang = this.lang;
    document.title = this.t("pageTitle");
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = this.t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
      node.placeholder = this.t(node.dataset.i18nPlaceholder);
    }
  },
};
