package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.config.DetailSelectors;
import io.countywatch.aggregator.extract.date.ParsedDate;
import io.countywatch.aggregator.extract.date.PublishedDateParser;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.springframework.stereotype.Component;

/**
 * Reads an item's own page: title, main content, date and 来源 line, with the source's {@code detail:}
 * selectors where given and automatically otherwise (see {@link MainContent}).
 */
@Component
public class DetailPageExtractor {

    private static final Pattern ORIGIN = Pattern.compile("(?:来源|来 源|信息来源|文章来源)\\s*[：:]\\s*([^\\s|｜　]+)");

    // An info line ("发布时间：… 来源：… 浏览次数：…") is short; a paragraph mentioning a date is not one.
    private static final int INFO_LINE_MAX_CHARS = 160;

    // <title> is often "文章标题_栏目_某某县人民政府" or "文章标题 - 某某县人民政府".
    private static final Pattern TITLE_SEPARATORS = Pattern.compile("\\s*(?:[_|｜]|\\s[-–—]\\s)\\s*");

    // Parsed once: jsoup parses a selector string again on every select, which was a tenth of this extraction.
    private static final Evaluator TITLE_META = QueryParser.parse("meta[name~=(?i)^(ArticleTitle|title)$]");
    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, .title, .article-title, #title, .bt, .tit");
    private static final Evaluator DATE_META =
            QueryParser.parse("meta[name~=(?i)^(PubDate|publishdate|pubdate|article:published_time)$]");
    private static final Evaluator H1 = QueryParser.parse("h1");
    private static final Evaluator CANONICAL = QueryParser.parse("link[rel~=(?i)^canonical$][href]");
    private static final Evaluator OG_URL = QueryParser.parse("meta[property~=(?i)^og:url$][content]");
    private static final Evaluator ALL = QueryParser.parse("*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final PublishedDateParser dates = new PublishedDateParser();
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    public DetailPage extract(String html, URI pageUrl, DetailSelectors selectors, ZoneId zone, Instant now) {
        Document page = Jsoup.parse(html, pageUrl.toString());
        String canonical = canonical(page);
        List<String> candidates = titleCandidates(page, selectors);
        String title = candidates.isEmpty() ? null : candidates.get(0);
        ParsedDate metaDate = metaDate(page, zone, now);
        Element body = page.body();
        Boilerplate.removeStructural(body);
        Element content =
                selected(body, selectors == null ? null : selectors.content()).orElseGet(() -> MainContent.find(body));
        ParsedDate date = selected(body, selectors == null ? null : selectors.date())
                .flatMap(e -> dates.parse(e.text(), zone, now))
                .or(() -> Optional.ofNullable(metaDate))
                .or(() -> infoLineDate(body, content, zone, now))
                .orElse(null);
        String origin = origin(body, content);
        Element cleaned = content.clone();
        Boilerplate.removeToolBars(cleaned);
        cleaned.select(H1).remove();
        // Sanitized once; the summary is the article's own text, and the 来源 line goes only into the content.
        Document clean = sanitizer.cleaned(cleaned.html(), pageUrl.toString());
        String summary = sanitizer.summary(clean);
        if (origin != null && !cleaned.text().contains("来源")) {
            // The 来源 line sits above the content on the page; we keep it as the content's first line (see docs).
            clean.body().prependElement("p").text("来源：" + origin);
        }
        String contentHtml = HtmlSanitizer.serialized(clean);
        return new DetailPage(title, candidates, contentHtml, summary, date, origin, canonical);
    }

    private static Optional<Element> selected(Element root, String selector) {
        return selector == null ? Optional.empty() : Optional.ofNullable(root.selectFirst(SelectorCache.of(selector)));
    }

    /** Title-like texts, the most trustworthy first: selector, CMS meta, h1, parts of {@code <title>}. */
    private static List<String> titleCandidates(Document page, DetailSelectors selectors) {
        Set<String> found = new LinkedHashSet<>();
        if (selectors != null && selectors.title() != null) {
            selected(page, selectors.title())
                    .ifPresent(e -> add(found, e.hasAttr("title") ? e.attr("title") : e.text()));
        }
        // TRS and similar CMSs put the full title in <meta name="ArticleTitle">.
        for (Element meta : page.select(TITLE_META)) {
            add(found, meta.attr("content"));
        }
        for (Element heading : page.select(HEADINGS)) {
            if (!Boilerplate.inChrome(heading)) {
                add(found, heading.text());
            }
        }
        List<String> parts = new ArrayList<>(List.of(TITLE_SEPARATORS.split(page.title())));
        parts.sort((a, b) -> b.length() - a.length());
        parts.forEach(part -> add(found, part));
        return List.copyOf(found);
    }

    // the page's own address as it states it; absUrl resolves a relative one against the page
    private static String canonical(Document page) {
        Element link = page.selectFirst(CANONICAL);
        String url = link == null ? "" : link.absUrl("href");
        if (url.isEmpty()) {
            Element og = page.selectFirst(OG_URL);
            url = og == null ? "" : og.absUrl("content");
        }
        return url.isEmpty() ? null : url;
    }

    private static void add(Set<String> found, String text) {
        String t = text == null ? "" : SPACES.matcher(text.strip()).replaceAll(" ");
        if (t.length() >= 4) {
            found.add(t);
        }
    }

    private ParsedDate metaDate(Document page, ZoneId zone, Instant now) {
        Element meta = page.selectFirst(DATE_META);
        return meta == null
                ? null
                : dates.parse(meta.attr("content"), zone, now).orElse(null);
    }

    /** The first short line outside the content that names a publication time and holds a date. */
    private Optional<ParsedDate> infoLineDate(Element body, Element content, ZoneId zone, Instant now) {
        Optional<ParsedDate> loose = Optional.empty();
        for (Element e : body.select(ALL)) {
            String text = e.text();
            if (text.length() > INFO_LINE_MAX_CHARS || insideOrSame(e, content) || Boilerplate.inChrome(e)) {
                continue;
            }
            Optional<ParsedDate> date = dates.parse(text, zone, now);
            if (date.isEmpty()) {
                continue;
            }
            if (text.contains("发布") || text.contains("时间") || text.contains("日期")) {
                return date;
            }
            if (loose.isEmpty()) {
                loose = date;
            }
        }
        return loose;
    }

    private static String origin(Element body, Element content) {
        for (Element e : body.select(ALL)) {
            String text = e.text();
            if (text.length() <= INFO_LINE_MAX_CHARS && !insideOrSame(e, content)) {
                Matcher m = ORIGIN.matcher(text);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    private static boolean insideOrSame(Element e, Element container) {
        for (Element x = e; x != null; x = x.parent()) {
            if (x == container) {
                return true;
            }
        }
        return false;
    }
}
