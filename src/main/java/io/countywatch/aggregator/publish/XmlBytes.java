package io.countywatch.aggregator.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/** Serializes the JDOM documents Rome builds, after the writers have adjusted them, as UTF-8. */
final class XmlBytes {

    private XmlBytes() {}

    static byte[] of(Document xml) {
        // Pretty printing only trims the ends of text nodes, which no feed field depends on; admins read
        // these feeds with curl.
        var outputter = new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8"));
        var bytes = new ByteArrayOutputStream(8192);
        try {
            outputter.output(xml, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }
}
