package io.countywatch.aggregator.dedupe;

import io.countywatch.aggregator.dedupe.Verdict.Reason;
import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import java.util.List;

/**
 * Decides whether an extracted item is new, the same story as a stored item, or an update of one.
 *
 * <p>Rules, strongest first: the same URL or GUID in the same source is the same item (an update when its title
 * or body changed). Otherwise a stored item is the same story when no period token (year, month, issue, title
 * number, and any number of the body) disagrees and either the normalized bodies are equal, or their SimHash
 * distance is at most {@value #NEAR_SAME_TITLE} with equal normalized titles (at most {@value #NEAR_OTHER_TITLE}
 * with different ones: government news is written from templates, and two counties' reports on the same
 * template differ in little more than the county's name). Bodies that match under different titles merge only
 * when the titles are related ({@link TitleRelation}). Items with a
 * body shorter than {@link TextPrints#MIN_BODY} merge only across sources and only when the normalized title is
 * equal, at least {@value #MIN_TITLE} characters long, published the same day, and any short bodies agree.
 * Equal titles alone never merge.
 */
public final class DuplicateDetector {

    static final int NEAR_OTHER_TITLE = 1;
    static final int NEAR_SAME_TITLE = TextPrint.MAX_NEAR_DISTANCE;
    static final int MIN_TITLE = 10;

    /** The item to classify: where it was found and its text print. */
    public record Candidate(String sourceId, String url, String guid, TextPrint print) {}

    public Verdict classify(Candidate candidate, List<KnownItem> neighbours) {
        KnownItem byGuid = null;
        for (KnownItem known : neighbours) {
            if (!known.sourceId().equals(candidate.sourceId())) {
                continue;
            }
            if (known.url().equals(candidate.url())) {
                return sameOrUpdate(candidate, known, Reason.URL);
            }
            if (!known.alsoAt() && candidate.guid() != null && candidate.guid().equals(known.guid())) {
                byGuid = known;
            }
        }
        if (byGuid != null) {
            return sameOrUpdate(candidate, byGuid, Reason.GUID);
        }
        Verdict.SameAs best = null;
        for (KnownItem known : neighbours) {
            if (known.alsoAt()) {
                continue;
            }
            Verdict.SameAs match = match(candidate, known);
            if (match != null && (best == null || better(match, best))) {
                best = match;
            }
        }
        return best == null ? new Verdict.New() : best;
    }

    private static Verdict sameOrUpdate(Candidate candidate, KnownItem known, Reason reason) {
        TextPrint a = candidate.print();
        TextPrint b = known.print();
        boolean same = known.alsoAt() || (a.fingerprint() == b.fingerprint() && a.titleKey() == b.titleKey());
        return same
                ? new Verdict.SameAs(known.seq(), known.id(), reason, 0)
                : new Verdict.UpdateOf(known.seq(), known.id());
    }

    private static Verdict.SameAs match(Candidate candidate, KnownItem known) {
        TextPrint a = candidate.print();
        TextPrint b = known.print();
        if (PeriodTokens.conflict(a.titlePeriods(), b.titlePeriods())
                || PeriodTokens.conflict(a.bodyPeriods(), b.bodyPeriods())) {
            return null;
        }
        boolean longA = a.bodyLength() >= TextPrints.MIN_BODY;
        boolean longB = b.bodyLength() >= TextPrints.MIN_BODY;
        if (longA && longB) {
            if (a.titleKey() != b.titleKey() && !TitleRelation.related(a.title(), b.title())) {
                // the same body under unrelated titles: a template whose body reading caught the same boilerplate,
                // not one story; merging would fold a whole site into one item
                return null;
            }
            if (a.fingerprint() == b.fingerprint()) {
                return new Verdict.SameAs(known.seq(), known.id(), Reason.FINGERPRINT, 0);
            }
            int distance = SimHash.distance(a.simhash(), b.simhash());
            boolean sameTitle = a.titleKey() == b.titleKey();
            if (distance <= (sameTitle ? NEAR_SAME_TITLE : NEAR_OTHER_TITLE)) {
                return new Verdict.SameAs(known.seq(), known.id(), Reason.NEAR_DUPLICATE, distance);
            }
            return null;
        }
        boolean titleOnlyMatch = !candidate.sourceId().equals(known.sourceId())
                && a.titleKey() == b.titleKey()
                && a.titleLength() >= MIN_TITLE
                && a.day() != null
                && a.day().equals(b.day())
                // a short body on both sides must be the same short body; a long body on one side is fine
                && (longA || longB || a.bodyLength() == 0 || b.bodyLength() == 0 || a.fingerprint() == b.fingerprint());
        return titleOnlyMatch ? new Verdict.SameAs(known.seq(), known.id(), Reason.TITLE_AND_DATE, 0) : null;
    }

    private static boolean better(Verdict.SameAs a, Verdict.SameAs b) {
        if (a.reason() != b.reason()) {
            return a.reason().ordinal() < b.reason().ordinal();
        }
        if (a.distance() != b.distance()) {
            return a.distance() < b.distance();
        }
        return a.itemSeq() < b.itemSeq();
    }
}
