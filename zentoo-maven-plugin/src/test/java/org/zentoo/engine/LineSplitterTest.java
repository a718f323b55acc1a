package org.zentoo.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    private void feed(String s) {
        splitter.accept(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void joinsFramesThatCutLinesApart() {
        feed(">>> Emer");
        feed("ging (1 of 2) app-misc/hello\n>>> Comp");
        feed("leted\n");
        assertEquals(List.of(">>> Emerging (1 of 2) app-misc/hello", ">>> Completed"), lines);
    }

    @Test
    void aLastLineWithoutNewlineComesOutOnFlush() {
        feed("done");
        assertEquals(List.of(), lines);
        splitter.flush();
        assertEquals(List.of("done"), lines);
    }

    @Test
    void dropsCarriageReturnsAndKeepsEmptyLines() {
        feed("a\r\n\nb\n");
        assertEquals(List.of("a", "", "b"), lines);
    }

    @Test
    void multiByteCharactersSplitAcrossFramesSurvive() {
        byte[] bytes = "größe\n".getBytes(StandardCharsets.UTF_8);
        splitter.accept(java.util.Arrays.copyOfRange(bytes, 0, 3));
        splitter.accept(java.util.Arrays.copyOfRange(bytes, 3, bytes.length));
        assertEquals(List.of("größe"), lines);
    }
}
