package io.countywatch.aggregator.fetch;

import java.nio.charset.Charset;

/**
 * A fetched body as text, with the charset used and what decided it: "override", "bom", "header",
 * "xml-declaration", "meta", "detector" or "default".
 */
public record Decoded(String text, Charset charset, String evidence) {}
