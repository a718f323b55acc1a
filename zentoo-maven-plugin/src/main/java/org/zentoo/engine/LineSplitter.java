package org.zentoo.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Docker log frames are cut wherever the daemon's buffer ends, not at line ends.
 * This joins them back into whole lines before anybody reads them.
 */
public final class LineSplitter {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> lines;

    public LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    public synchronized void accept(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
            }
        }
    }

    /** Hands out a last line that had no newline. */
    public synchronized void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        pending.reset();
        lines.accept(line);
    }
}
