package org.zentoo.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The output of one step of one machine: every line goes to the full log under
 * target/zentoo/logs and to the console; the last lines are kept so that a failure
 * message can show them without sending the user to the file.
 */
public final class StepLog implements Consumer<String>, AutoCloseable {

    private static final int TAIL = 25;

    private final Path file;
    private final BufferedWriter writer;
    private final Consumer<String> console;
    private final Deque<String> tail = new ArrayDeque<>();

    public StepLog(Path file, Consumer<String> console) throws IOException {
        Files.createDirectories(file.getParent());
        this.file = file;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.console = console;
    }

    @Override
    public synchronized void accept(String line) {
        try {
            writer.write(line);
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        if (tail.size() == TAIL) {
            tail.removeFirst();
        }
        tail.addLast(line);
        console.accept(line);
    }

    public synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
