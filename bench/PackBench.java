import org.zentoo.archive.ArchiveFormat;
import org.zentoo.archive.PackResult;
import org.zentoo.archive.StageArchiver;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Packs a directory with Zentoo's archiver and prints the time the pack itself took,
 * so the JVM's start can be told apart from the work:
 * {@code PackBench ROOT OUT LEVEL|default [THREADS] [system]} ({@code system}: the host's xz); the
 * format comes from OUT's name.
 */
public class PackBench {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Integer level = args[2].equals("default") ? null : Integer.valueOf(args[2]);
        StageArchiver archiver = new StageArchiver(ArchiveFormat.forFile(out), Instant.parse("2026-01-01T00:00:00Z"), level)
                .withProgress(System.out::println);
        String threads = ArchiveFormat.defaultThreads() + " (all cores)";
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("system")) {
                archiver = archiver.withSystemXz(true);
            } else {
                threads = args[i];
                archiver = archiver.withThreads(Integer.parseInt(threads));
            }
        }
        long start = System.nanoTime();
        PackResult result = archiver.packDirectory(root, out);
        System.out.printf("pack %.1f s, %d entries, %d bytes, threads %s, %s%n", (System.nanoTime() - start) / 1e9,
                result.entries(), result.bytes(), threads, archiver.settings());
    }
}
