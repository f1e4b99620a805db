package io.countywatch.aggregator.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** Validates Atom documents with Jing against the RFC 4287 RELAX NG schema kept in test resources. */
public final class AtomSchema {

    private AtomSchema() {}

    /** Every validation error, as "line:column message"; empty for a valid document. */
    public static List<String> errors(byte[] xml) throws Exception {
        var errors = new ArrayList<String>();
        var properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, collecting(errors));
        var driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        var schema = AtomSchema.class.getResource("/schema/atom.rnc");
        assertThat(driver.loadSchema(new InputSource(schema.toExternalForm())))
                .as("schema loads: %s", errors)
                .isTrue();
        driver.validate(new InputSource(new ByteArrayInputStream(xml)));
        return errors;
    }

    public static void assertValid(byte[] xml) throws Exception {
        assertThat(errors(xml)).as("RFC 4287 schema errors").isEmpty();
    }

    private static ErrorHandler collecting(List<String> errors) {
        return new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
    }
}
