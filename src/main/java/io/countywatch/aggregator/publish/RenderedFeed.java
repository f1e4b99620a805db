package io.countywatch.aggregator.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Response bytes with their validators: a strong ETag (a digest of exactly these bytes) and Last-Modified.
 *
 * @param version the scope's version token when it was rendered, or null when versions were unknown
 */
record RenderedFeed(String version, String contentType, byte[] body, String etag, Instant lastModified) {

    static RenderedFeed of(String version, String contentType, byte[] body, Instant lastModified) {
        return new RenderedFeed(version, contentType, body, strongEtag(body), lastModified);
    }

    /** A quoted 128-bit SHA-256 prefix: equal bytes, equal tag, on every instance. */
    static String strongEtag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "RenderedFeed[" + contentType + ", " + body.length + " bytes, " + etag + ", version " + version + "]";
    }
}
