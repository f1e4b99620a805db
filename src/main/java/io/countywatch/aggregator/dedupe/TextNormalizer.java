package io.countywatch.aggregator.dedupe;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces text to what two copies of one story share: NFKC (full-width letters, digits and punctuation become
 * half-width), lower case, and only letters and digits, so whitespace and punctuation differences vanish.
 */
final class TextNormalizer {

    private static final Pattern BLOCK_TAG =
            Pattern.compile("(?i)<\\s*/?\\s*(p|br|div|li|tr|h[1-6]|table|section|article|blockquote)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#\\d+|[a-zA-Z]+);");

    private TextNormalizer() {}

    /** Only the letters and digits of the text, NFKC-normalized and lower-cased; null counts as empty. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String folded = nfkc(text);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** NFKC and lower case, keeping whitespace and punctuation (for affix and token patterns). */
    static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Sanitized HTML as plain text, one line per block element; good enough for hashing, not for display. */
    static String plainText(String html) {
        String lines = BLOCK_TAG.matcher(html).replaceAll("\n");
        return decodeEntities(TAG.matcher(lines).replaceAll(""));
    }

    private static String decodeEntities(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String whole) {
        try {
            if (name.startsWith("#x")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException bad) {
            return " ";
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp", "ensp", "emsp" -> " ";
            default -> whole.length() > 10 ? whole : " ";
        };
    }
}
