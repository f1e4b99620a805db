package io.countywatch.aggregator.dedupe;

import io.countywatch.aggregator.dedupe.Decision.Reason;
import java.util.List;

/**
 * Finds the stored story a candidate repeats when its place is not known: strongest rule first.
 *
 * <p>A stored item is the same story when no period token (year, month, issue, title number, and any number of the
 * body) disagrees and: the same site serves it under the same article id with a related title ({@link ArticleIds});
 * or the normalized bodies are equal; or their SimHash distance is at most {@value #NEAR_SAME_TITLE} with equal
 * normalized titles (at most {@value #NEAR_OTHER_TITLE} with different ones: government news is written from
 * templates, and two counties' reports on the same template differ in little more than the county's name); or one
 * body is the start of the other (the same lead, {@link TextPrint#LEAD} characters) and one title contains the
 * other (a summary-only feed of the article, published within {@value #SUMMARY_DAYS} days). Bodies that match under different titles merge only when the titles
 * are related ({@link TitleRelation}). Items with a body shorter than {@link TextPrints#MIN_BODY} merge only across
 * sources and only when the normalized title is equal, at least {@value #MIN_TITLE} characters long, published the
 * same day, and any short bodies agree. Equal titles alone never merge.
 */
final class StoryMatch {

    static final int NEAR_OTHER_TITLE = 1;
    static final int NEAR_SAME_TITLE = TextPrint.MAX_NEAR_DISTANCE;
    static final int MIN_TITLE = 10;
    static final int SUMMARY_DAYS = 3;

    record Match(Neighbour item, Reason reason, int distance) {}

    private StoryMatch() {}

    static Match best(Candidate candidate, List<Neighbour> neighbours) {
        Match best = null;
        for (Neighbour known : neighbours) {
            if (known.place()) {
                continue;
            }
            Match match = match(candidate, known);
            if (match != null && (best == null || better(match, best))) {
                best = match;
            }
        }
        return best;
    }

    private static Match match(Candidate candidate, Neighbour known) {
        TextPrint a = candidate.print();
        TextPrint b = known.print();
        if (PeriodTokens.conflict(a.titlePeriods(), b.titlePeriods())) {
            return null;
        }
        // a summary cut inside a number ("458" → "45") disagrees with its article in that one token: when the leads
        // prove one body the start of the other, only the summary rule may match, and the body periods do not veto
        boolean summaryShape = TextPrints.startOf(a, b) || TextPrints.startOf(b, a);
        boolean bodiesConflict = PeriodTokens.conflict(a.bodyPeriods(), b.bodyPeriods());
        if (bodiesConflict && !summaryShape) {
            return null;
        }
        if (!bodiesConflict
                && candidate.articleKey() != 0
                && known.keys().contains(candidate.articleKey())
                && (a.titleKey() == b.titleKey() || TitleForms.contained(a.title(), b.title()))) {
            return new Match(known, Reason.ALIAS, 0);
        }
        boolean longA = a.bodyLength() >= TextPrints.MIN_BODY;
        boolean longB = b.bodyLength() >= TextPrints.MIN_BODY;
        if (longA && longB) {
            boolean sameTitle = a.titleKey() == b.titleKey();
            if (!sameTitle && !TitleRelation.related(a.title(), b.title())) {
                // the same body under unrelated titles: a template whose body reading caught the same boilerplate,
                // not one story; merging would fold a whole site into one item
                return null;
            }
            if (!bodiesConflict && a.fingerprint() == b.fingerprint()) {
                return new Match(known, Reason.FINGERPRINT, 0);
            }
            int distance = SimHash.distance(a.simhash(), b.simhash());
            if (!bodiesConflict && distance <= (sameTitle ? NEAR_SAME_TITLE : NEAR_OTHER_TITLE)) {
                return new Match(known, Reason.NEAR_DUPLICATE, distance);
            }
            // a summary-only copy is reposted within days; a periodic report's summary a month later is another one
            boolean summary = summaryShape
                    && (sameTitle || TitleForms.contained(a.title(), b.title()))
                    && daysApart(a.day(), b.day()) <= SUMMARY_DAYS;
            return summary ? new Match(known, Reason.SUMMARY, 0) : null;
        }
        if (bodiesConflict) {
            return null;
        }
        // the item's title now, or one it had before its source corrected it (a copy taken before the correction)
        boolean sameTitle =
                a.titleKey() == b.titleKey() || known.keys().contains(Candidate.formerTitleKey(a.titleKey()));
        boolean titleOnlyMatch = !candidate.sourceId().equals(known.sourceId())
                && sameTitle
                && a.titleLength() >= MIN_TITLE
                && a.day() != null
                && a.day().equals(b.day())
                // a short body on both sides must be the same short body; a long body on one side is fine
                && (longA || longB || a.bodyLength() == 0 || b.bodyLength() == 0 || a.fingerprint() == b.fingerprint());
        return titleOnlyMatch ? new Match(known, Reason.TITLE_AND_DATE, 0) : null;
    }

    // days between two yyyymmdd values; 0 when either is unknown
    static long daysApart(Integer a, Integer b) {
        if (a == null || b == null) {
            return 0;
        }
        java.time.LocalDate x = java.time.LocalDate.of(a / 10000, a / 100 % 100, a % 100);
        java.time.LocalDate y = java.time.LocalDate.of(b / 10000, b / 100 % 100, b % 100);
        return Math.abs(java.time.temporal.ChronoUnit.DAYS.between(x, y));
    }

    private static boolean better(Match a, Match b) {
        if (a.reason() != b.reason()) {
            return a.reason().ordinal() < b.reason().ordinal();
        }
        if (a.distance() != b.distance()) {
            return a.distance() < b.distance();
        }
        return a.item().seq() < b.item().seq();
    }
}
