package io.countywatch.aggregator.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decides how to decode a fetched page or feed: an admin override, then a byte order mark, then the HTTP
 * header, the XML declaration and the HTML meta tag, then a statistical detector, then UTF-8.
 *
 * <p>County sites often lie in their Content-Type (servers default to ISO-8859-1 or UTF-8 while the pages are
 * GBK), so the first candidate that decodes the bytes without a single error wins, and candidates that prove
 * more when they decode cleanly are tried first.
 */
public final class CharsetSniffer {

    // Enough text for the detector to be sure; pages are mostly ASCII markup around a few KB of Chinese.
    private static final int DETECTOR_BYTES = 64 * 1024;

    private static final Pattern CHARSET_PARAMETER =
            Pattern.compile("charset\\s*=\\s*([^;\\s]+)", Pattern.CASE_INSENSITIVE);

    private record Candidate(Charset charset, String evidence) {}

    public Decoded decode(byte[] body, String headerCharset, String override) {
        Objects.requireNonNull(body, "body");
        Optional<Charset> forced = isAuto(override) ? Optional.empty() : CharsetLabels.forLabel(override);
        if (forced.isPresent()) {
            return lenient(body, 0, new Candidate(forced.get(), "override"));
        }
        Optional<ByteOrderMark> bom = ByteOrderMark.of(body);
        if (bom.isPresent()) {
            return lenient(body, bom.get().length(), new Candidate(bom.get().charset(), "bom"));
        }
        List<Candidate> declared = declared(body, headerCharset);
        // A declared UTF-8 that decodes cleanly is what the full order below would pick too (UTF-8 sorts first, and
        // a declared candidate before the detector's), so the statistical detector need not read the page.
        Optional<Candidate> utf8 = declared.stream()
                .filter(c -> c.charset().equals(StandardCharsets.UTF_8))
                .findFirst();
        if (utf8.isPresent()) {
            Optional<String> text = strict(body, StandardCharsets.UTF_8);
            if (text.isPresent()) {
                return new Decoded(
                        withoutBom(text.get()),
                        StandardCharsets.UTF_8,
                        utf8.get().evidence());
            }
        }
        List<Candidate> candidates = candidates(body, declared);
        for (Candidate candidate : candidates) {
            Optional<String> text = strict(body, candidate.charset());
            if (text.isPresent()) {
                return new Decoded(withoutBom(text.get()), candidate.charset(), candidate.evidence());
            }
        }
        // Nothing decodes cleanly (a truncated body, a page mixing two charsets): lose the fewest characters.
        return candidates.stream()
                .map(candidate -> lenient(body, 0, candidate))
                .min(Comparator.comparingLong(decoded -> replacements(decoded.text())))
                .orElseThrow();
    }

    /**
     * Header, XML declaration, meta and detector, in that order, then stably reordered by what a clean decode
     * proves: UTF-8 first, because GBK bytes practically never form valid UTF-8; single-byte charsets last,
     * because they accept almost any bytes. So a GBK page served as ISO-8859-1 goes to the detector's GB18030
     * before the header's Latin-1. UTF-8 comes last as the default.
     */
    private static List<Candidate> candidates(byte[] body, List<Candidate> declared) {
        List<Candidate> candidates = new ArrayList<>(declared);
        detected(body).ifPresent(charset -> candidates.add(new Candidate(charset, "detector")));
        candidates.sort(Comparator.comparingInt(candidate -> strength(candidate.charset())));
        candidates.add(new Candidate(StandardCharsets.UTF_8, "default"));
        return candidates;
    }

    /** What the page says of itself: the HTTP header, the XML declaration, the HTML meta tag, in that order. */
    private static List<Candidate> declared(byte[] body, String headerCharset) {
        List<Candidate> declared = new ArrayList<>();
        fromHeader(headerCharset).ifPresent(charset -> declared.add(new Candidate(charset, "header")));
        DeclaredCharsets.xmlDeclaration(body)
                .ifPresent(charset -> declared.add(new Candidate(charset, "xml-declaration")));
        DeclaredCharsets.meta(body).ifPresent(charset -> declared.add(new Candidate(charset, "meta")));
        return declared;
    }

    private static int strength(Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return 0;
        }
        return charset.canEncode() && charset.newEncoder().maxBytesPerChar() <= 1 ? 2 : 1;
    }

    /** Accepts either the charset value or a whole Content-Type such as {@code text/html; charset=GBK}. */
    private static Optional<Charset> fromHeader(String headerCharset) {
        if (headerCharset == null) {
            return Optional.empty();
        }
        Matcher m = CHARSET_PARAMETER.matcher(headerCharset);
        if (m.find()) {
            return CharsetLabels.forLabel(m.group(1));
        }
        return headerCharset.contains("/") ? Optional.empty() : CharsetLabels.forLabel(headerCharset);
    }

    private static Optional<Charset> detected(byte[] body) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(body, 0, Math.min(body.length, DETECTOR_BYTES));
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        // For pure ASCII the detector answers US-ASCII, which says nothing; let the default speak.
        return "US-ASCII".equalsIgnoreCase(name) ? Optional.empty() : CharsetLabels.forLabel(name);
    }

    private static Optional<String> strict(byte[] body, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Decoded lenient(byte[] body, int offset, Candidate candidate) {
        String text = new String(body, offset, body.length - offset, candidate.charset());
        return new Decoded(withoutBom(text), candidate.charset(), candidate.evidence());
    }

    private static long replacements(String text) {
        return text.chars().filter(c -> c == '\uFFFD').count();
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static boolean isAuto(String override) {
        return override == null || override.isBlank() || override.strip().equalsIgnoreCase("auto");
    }
}
