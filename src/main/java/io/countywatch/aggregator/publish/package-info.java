/**
 * Feed writers: turn a {@link io.countywatch.aggregator.publish.FeedDocument} into RSS 2.0, Atom 1.0 or JSON
 * Feed 1.1 bytes. Pure functions of their input; the controller that serves them lives beside them.
 */
package io.countywatch.aggregator.publish;
