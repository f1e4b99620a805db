/**
 * The JSON contract of the HTTP API: one record per response shape, mapped from the internal records so that a
 * change inside the service does not change what clients read. Each shape has a golden file under
 * {@code src/test/resources/fixtures/json/} that a test compares field for field.
 */
package io.countywatch.aggregator.web.api;
