package io.countywatch.aggregator.publish;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Parses writer output the way a strict reader would: namespace-aware, no DTDs, fails on any XML error. */
final class Dom {

    static final String ATOM_NS = "http://www.w3.org/2005/Atom";

    private Dom() {}

    static Document parse(byte[] xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Direct children of {@code parent} with that namespace (null for none) and local name. */
    static List<Element> children(Element parent, String namespace, String localName) {
        var found = new ArrayList<Element>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e
                    && localName.equals(e.getLocalName())
                    && Objects.equals(namespace, e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }

    static Element child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one <" + localName + "> in <" + parent.getTagName() + ">, found " + found.size());
        }
        return found.get(0);
    }
}
