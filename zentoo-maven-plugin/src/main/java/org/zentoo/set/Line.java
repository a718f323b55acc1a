package org.zentoo.set;

import java.util.List;

/** One meaningful line of a line-oriented set file: its words, without the comment, and where it was. */
public record Line(int number, List<String> words, String text) {
    public String first() {
        return words.get(0);
    }

    public List<String> rest() {
        return words.subList(1, words.size());
    }
}
