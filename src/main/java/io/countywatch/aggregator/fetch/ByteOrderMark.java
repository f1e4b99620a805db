package io.countywatch.aggregator.fetch;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A byte order mark at the start of a body: the one hint that cannot be a copied-and-pasted lie. */
record ByteOrderMark(byte[] bytes, Charset charset) {

    // UTF-32LE first: its mark begins with the UTF-16LE mark FF FE.
    private static final List<ByteOrderMark> KNOWN = List.of(
            new ByteOrderMark(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8),
            new ByteOrderMark(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, Charset.forName("UTF-32LE")),
            new ByteOrderMark(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, Charset.forName("UTF-32BE")),
            new ByteOrderMark(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE),
            new ByteOrderMark(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE));

    int length() {
        return bytes.length;
    }

    static Optional<ByteOrderMark> of(byte[] body) {
        return KNOWN.stream().filter(bom -> bom.startsOf(body)).findFirst();
    }

    private boolean startsOf(byte[] body) {
        if (body.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (body[i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
