package org.zentoo.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the mistakes found while reading config/ instead of stopping at the first.
 * A mistake reached twice (a broken set in two machines' stacks) is listed once; past
 * {@link #CAP}, mistakes are only counted, since a long list hides the first ones.
 */
public final class ConfigProblems {

    /** Enough to show every mistake of a real edit session, short enough to read. */
    public static final int CAP = 50;

    /** A check that throws at its first problem. */
    @FunctionalInterface
    public interface Check<T> {
        T run() throws ConfigException;
    }

    /** A check without a result. */
    @FunctionalInterface
    public interface Step {
        void run() throws ConfigException;
    }

    private final Map<String, ConfigException> found = new LinkedHashMap<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private int omitted;

    /** Runs {@code check}; on a problem records it and returns null. */
    public <T> T attempt(Check<T> check) {
        try {
            return check.run();
        } catch (ConfigException e) {
            add(e);
            return null;
        }
    }

    /** Runs {@code step}; returns whether it passed, recording its problem if not. */
    public boolean check(Step step) {
        try {
            step.run();
            return true;
        } catch (ConfigException e) {
            add(e);
            return false;
        }
    }

    /** Records a problem (every problem of a gathered one). */
    public synchronized void add(ConfigException e) {
        for (ConfigException one : e.problems()) {
            if (!seen.add(one.getMessage())) {
                continue;
            }
            if (found.size() >= CAP) {
                omitted++;
            } else {
                found.put(one.getMessage(), one);
            }
        }
    }

    public synchronized boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws what was found: the one problem as it is, several as {@link ConfigErrors}. */
    public synchronized void throwIfAny() throws ConfigException {
        List<ConfigException> all = new ArrayList<>(found.values());
        if (all.size() == 1 && omitted == 0) {
            throw all.get(0);
        }
        if (!all.isEmpty()) {
            throw new ConfigErrors(all, omitted);
        }
    }
}
