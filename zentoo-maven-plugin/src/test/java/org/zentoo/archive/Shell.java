package org.zentoo.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the real tools (GNU tar, getfattr, setcap) the archiver's output is checked against. */
final class Shell {

    private Shell() {
    }

    /** Runs a bash script; fails the test with its output when it exits non-zero. */
    static String bash(String script) throws IOException, InterruptedException {
        Result result = tryBash(script);
        if (result.exit() != 0) {
            throw new AssertionError("script failed (exit " + result.exit() + "):\n" + script + "\n" + result.output());
        }
        return result.output();
    }

    record Result(int exit, String output) {
    }

    static Result tryBash(String script) throws IOException, InterruptedException {
        Path log = Files.createTempFile("zentoo-shell", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-euo", "pipefail", "-c", script))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // listings are compared as text: fix the time zone and the collation
            builder.environment().put("TZ", "UTC");
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            int exit = process.waitFor();
            return new Result(exit, Files.readString(log, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static boolean has(String program) throws IOException, InterruptedException {
        return tryBash("command -v " + program).exit() == 0;
    }

    static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
