package io.countywatch.aggregator.extract.html;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Finds an article page's main content by text density: every paragraph's text counts for the element that
 * holds it (and half for that element's parent), link text counts against it, and page chrome counts for
 * nothing. Government article pages are simple enough that the densest paragraph holder is the article.
 */
final class MainContent {

    // A paragraph shorter than this is a caption, a date or a button, not article text.
    private static final int MIN_PARAGRAPH_CHARS = 10;

    // parsed once: jsoup parses a selector string again on every select
    private static final Evaluator BLOCKS = QueryParser.parse("p, div, td, span, section, article, font");
    private static final Evaluator LINKS = QueryParser.parse("a");

    private MainContent() {}

    static Element find(Element body) {
        java.util.Map<Element, Double> scores = new java.util.IdentityHashMap<>();
        for (Element block : body.select(BLOCKS)) {
            int own = ownTextLength(block);
            boolean paragraph = block.normalName().equals("p");
            int length = paragraph ? block.text().length() : own;
            if (length < MIN_PARAGRAPH_CHARS || Boilerplate.inChrome(block)) {
                continue;
            }
            double weight = length * (1 - linkDensity(block));
            Element holder = paragraph ? block.parent() : block;
            if (holder == null) {
                continue;
            }
            scores.merge(holder, weight, Double::sum);
            if (holder.parent() != null && holder.parent() != body.parent()) {
                scores.merge(holder.parent(), weight / 2, Double::sum);
            }
        }
        return scores.entrySet().stream()
                .max(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey)
                .orElse(body);
    }

    private static int ownTextLength(Element element) {
        int length = 0;
        for (TextNode node : element.textNodes()) {
            length += node.text().strip().length();
        }
        return length;
    }

    private static double linkDensity(Element element) {
        int text = Math.max(1, element.text().length());
        int links = element.select(LINKS).text().length();
        return Math.min(1.0, (double) links / text);
    }
}
