package org.zentoo.archive;

/** The kinds of tar entry a stage can hold, with their ustar type flags. */
public enum EntryType {
    FILE('0'),
    HARDLINK('1'),
    SYMLINK('2'),
    CHAR_DEVICE('3'),
    BLOCK_DEVICE('4'),
    DIRECTORY('5'),
    FIFO('6');

    private final char flag;

    EntryType(char flag) {
        this.flag = flag;
    }

    /** The byte written in the ustar header's typeflag field. */
    public char flag() {
        return flag;
    }

    boolean isDevice() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE;
    }
}
