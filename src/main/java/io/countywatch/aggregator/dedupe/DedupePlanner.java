package io.countywatch.aggregator.dedupe;

import io.countywatch.aggregator.dedupe.Decision.Reason;
import io.countywatch.aggregator.dedupe.Decision.Take;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a batch of candidates against the neighbours the store loaded for them: one {@link Decision} each, in
 * order. Pure: the store locks, loads and applies; this only reads. A later candidate of the batch sees the items
 * the earlier ones insert (named by placeholders) and the places they add.
 *
 * <p>Identity first: the same canonical URL in any source (or a place in an item's alsoAt), or the same GUID in the
 * source, is the item; otherwise {@link StoryMatch} finds the stored story the candidate repeats (alias, body,
 * summary, title-only rules); otherwise it is new. Then what the candidate adds: its own source's changed title or
 * text replaces the stored one (a correction), unless it is a cut or shorter form of what is stored; any other place
 * only ever brings a fuller body or a whole title for a cut one.
 */
public final class DedupePlanner {

    private DedupePlanner() {}

    public static List<Decision> plan(List<Candidate> batch, List<List<Neighbour>> neighbours) {
        List<Neighbour> added = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>(batch.size());
        int slots = 0;
        for (int i = 0; i < batch.size(); i++) {
            Candidate candidate = batch.get(i);
            List<Neighbour> known = new ArrayList<>(neighbours.get(i));
            known.addAll(added);
            Decision decision = decide(candidate, known, slots);
            decisions.add(decision);
            if (decision instanceof Decision.Insert insert) {
                slots++;
                added.add(new Neighbour(
                        -(insert.slot() + 1L),
                        "",
                        candidate.sourceId(),
                        candidate.url(),
                        candidate.guid(),
                        false,
                        candidate.print(),
                        candidate.contentHash(),
                        Candidate.storedKeys(candidate.print(), candidate.url())));
            } else if (decision instanceof Decision.Merge merge) {
                Neighbour item = known.stream()
                        .filter(k -> k.seq() == merge.ref())
                        .findFirst()
                        .orElseThrow();
                added.add(item.asPlace(candidate.sourceId(), candidate.url()));
            }
        }
        return List.copyOf(decisions);
    }

    private static Decision decide(Candidate candidate, List<Neighbour> known, int nextSlot) {
        Neighbour own = null;
        Neighbour samePlace = null;
        Neighbour sameUrl = null;
        Neighbour sameGuid = null;
        for (Neighbour k : known) {
            boolean sameSource = k.sourceId().equals(candidate.sourceId());
            if (k.url().equals(candidate.url())) {
                if (sameSource && !k.place()) {
                    own = k;
                } else if (sameSource) {
                    samePlace = samePlace == null ? k : samePlace;
                } else if (sameUrl == null || (sameUrl.place() && !k.place())) {
                    sameUrl = k;
                }
            } else if (sameSource
                    && !k.place()
                    && candidate.guid() != null
                    && candidate.guid().equals(k.guid())) {
                sameGuid = sameGuid == null ? k : sameGuid;
            }
        }
        if (own != null) {
            return ownPlace(candidate, own, Reason.URL);
        }
        if (samePlace != null) {
            return otherPlace(candidate, samePlace);
        }
        if (sameGuid != null) {
            return ownPlace(candidate, sameGuid, Reason.GUID);
        }
        if (sameUrl != null) {
            return new Decision.Merge(sameUrl.seq(), Reason.URL, 0, adds(candidate, sameUrl));
        }
        StoryMatch.Match best = StoryMatch.best(candidate, known);
        if (best != null) {
            return new Decision.Merge(best.item().seq(), best.reason(), best.distance(), adds(candidate, best.item()));
        }
        return new Decision.Insert(nextSlot);
    }

    // The item's own source gives it again: unchanged text is nothing to do; a change is a correction, unless the
    // stored item is fuller (another source brought the whole title or body this source cuts).
    private static Decision ownPlace(Candidate candidate, Neighbour stored, Reason reason) {
        if (candidate.contentHash().equals(stored.contentHash())) {
            return new Decision.Unchanged(stored.seq(), reason, 0);
        }
        TextPrint c = candidate.print();
        TextPrint s = stored.print();
        boolean titleDiffers = c.title() != null && !c.title().equals(s.title());
        boolean title = titleDiffers && !TitleForms.worse(c.title(), s.title());
        boolean storedFuller = (c.bodyLength() < TextPrints.MIN_BODY && s.bodyLength() >= TextPrints.MIN_BODY)
                || TextPrints.startOf(c, s);
        // a hash change with the same title and body print is a change of markup: it is text too
        boolean text = !storedFuller && (c.fingerprint() != s.fingerprint() || !titleDiffers);
        Take take = new Take(title, text, true);
        return take.any()
                ? new Decision.Update(stored.seq(), reason, take)
                : new Decision.Unchanged(stored.seq(), reason, 0);
    }

    // A known other place gives the story again: it may bring a fuller body or the whole title, and a title
    // corrected over the same body; it never replaces the owner's text with its own version.
    private static Decision otherPlace(Candidate candidate, Neighbour place) {
        Take take = adds(candidate, place);
        TextPrint c = candidate.print();
        TextPrint s = place.print();
        boolean corrected = c.title() != null
                && !c.title().equals(s.title())
                && c.fingerprint() == s.fingerprint()
                && c.bodyLength() >= TextPrints.MIN_BODY
                && !TitleForms.worse(c.title(), s.title());
        if (corrected) {
            take = new Take(true, take.text(), false);
        }
        return take.any()
                ? new Decision.Update(place.seq(), Reason.URL, take)
                : new Decision.Unchanged(place.seq(), Reason.URL, 0);
    }

    /** What a copy found elsewhere adds to the stored item: the whole title for a cut one, a fuller body. */
    static Take adds(Candidate candidate, Neighbour stored) {
        TextPrint c = candidate.print();
        TextPrint s = stored.print();
        boolean title = TitleForms.fuller(c.title(), s.title());
        boolean text = c.bodyLength() >= TextPrints.MIN_BODY
                && c.fingerprint() != s.fingerprint()
                && (s.bodyLength() < TextPrints.MIN_BODY || TextPrints.startOf(s, c));
        return new Take(title, text, false);
    }
}
