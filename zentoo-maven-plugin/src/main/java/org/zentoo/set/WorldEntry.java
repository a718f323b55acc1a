package org.zentoo.set;

import org.zentoo.atom.Atom;

/** A line of a set's {@code packages}: an atom or @set to add, or ({@code -ATOM}) one to take back. */
public record WorldEntry(Atom atom, boolean removal, int line) {
}
