package org.zentoo.seed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What each key source answered, so a failed key fetch can say where it looked and
 * what it got. A served key with the wrong fingerprint outweighs a network failure
 * in the final verdict: it is a trust problem, not bad luck.
 */
final class FetchReport {

    private final Set<String> expected;
    private final List<String> notes = new ArrayList<>();
    private boolean mismatch;
    private boolean networkFailed;

    FetchReport(Set<String> expected) {
        this.expected = expected;
    }

    void failed(URI url, SeedException failure) {
        networkFailed |= failure.problem() != SeedException.Problem.NOT_FOUND;
        notes.add(url + ": " + (failure.problem() == SeedException.Problem.NOT_FOUND ? "no key there" : failure.getMessage()));
    }

    void unreadable(URI url, String why) {
        mismatch = true;
        notes.add(url + ": " + why);
    }

    void served(URI url, List<String> otherFingerprints) {
        if (!otherFingerprints.isEmpty()) {
            mismatch = true;
            notes.add(url + " serves key " + String.join(", ", otherFingerprints) + ", not the trusted "
                    + String.join(", ", expected) + "; refused");
        }
    }

    String summary() {
        return notes.isEmpty() ? "no source answered" : String.join("; ", notes);
    }

    SeedException failure(String prefix, String suffix) {
        SeedException.Problem problem = mismatch ? SeedException.Problem.UNTRUSTED_SIGNER
                : networkFailed ? SeedException.Problem.DOWNLOAD_FAILED : SeedException.Problem.NOT_FOUND;
        return new SeedException(problem, prefix + summary() + suffix);
    }
}
