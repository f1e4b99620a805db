package io.countywatch.aggregator.fetch;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the charset a document declares about itself, from its first bytes, before knowing how to decode it.
 * Latin-1 maps each byte to one char, so ASCII markup reads correctly whatever the real charset is.
 */
final class DeclaredCharsets {

    // Declarations sit in the head; 4 KB covers the long comment banners some CMS templates put first.
    private static final int PRESCAN_BYTES = 4096;

    private static final Pattern XML_DECLARATION = Pattern.compile(
            "^\\s*<\\?xml\\b[^>]*?\\bencoding\\s*=\\s*[\"']([a-z0-9_.:-]+)[\"']", Pattern.CASE_INSENSITIVE);

    // Both <meta charset="gbk"> and <meta http-equiv="Content-Type" content="text/html; charset=gbk">.
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta\\b[^>]*?charset\\s*=\\s*[\"']?\\s*([a-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    private DeclaredCharsets() {}

    static Optional<Charset> xmlDeclaration(byte[] body) {
        Matcher m = XML_DECLARATION.matcher(head(body));
        return m.find() ? CharsetLabels.forLabel(m.group(1)).map(DeclaredCharsets::asciiCompatible) : Optional.empty();
    }

    static Optional<Charset> meta(byte[] body) {
        Matcher m = META_CHARSET.matcher(head(body));
        while (m.find()) {
            Optional<Charset> charset = CharsetLabels.forLabel(m.group(1));
            if (charset.isPresent()) {
                return charset.map(DeclaredCharsets::asciiCompatible);
            }
        }
        return Optional.empty();
    }

    // We just read the declaration as single bytes, so the document cannot be UTF-16; a UTF-16 label there
    // is a copied template, and browsers read such pages as UTF-8.
    private static Charset asciiCompatible(Charset declared) {
        return declared.name().startsWith("UTF-16") || declared.name().startsWith("UTF-32")
                ? StandardCharsets.UTF_8
                : declared;
    }

    private static String head(byte[] body) {
        return new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    }
}
