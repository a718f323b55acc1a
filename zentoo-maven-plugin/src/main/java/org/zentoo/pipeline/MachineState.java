package org.zentoo.pipeline;

import org.zentoo.files.AtomicFile;
import org.zentoo.files.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the last successful run did for one machine: per step, the inputs hash it
 * ran with, and the files it made with their SHA-256, size and modification
 * time. A step whose inputs are unchanged and whose files are intact is not run
 * again.
 */
public final class MachineState {

    private final Path file;
    private final Properties values = new Properties();

    private MachineState(Path file) {
        this.file = file;
    }

    public static MachineState load(Path file) throws IOException {
        MachineState state = new MachineState(file);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.values.load(in);
            }
        }
        return state;
    }

    /** True when {@code step} last ran with these inputs and every file it recorded is unchanged. */
    public boolean unchanged(String step, String inputs) throws IOException {
        if (!inputs.equals(values.getProperty(step + ".inputs"))) {
            return false;
        }
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(step + ".file.")) {
                Path f = Path.of(key.substring((step + ".file.").length()));
                if (!Files.isRegularFile(f) || !intact(f, values.getProperty(key))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A file is intact when its size and modification time are as recorded (as
     * make and git judge it, without reading gigabytes of stage), or else when its
     * content still has the recorded hash. A record of an older Zentoo holds only
     * the hash.
     */
    private static boolean intact(Path f, String recorded) throws IOException {
        String[] parts = recorded.split(" ");
        if (parts.length == 3 && parts[1].equals(Long.toString(Files.size(f)))
                && parts[2].equals(Long.toString(modified(f)))) {
            return true;
        }
        return Sha256.ofFile(f).equals(parts[0]);
    }

    private static long modified(Path f) throws IOException {
        return Files.getLastModifiedTime(f).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The file {@code step} recorded whose name starts with {@code prefix}, or null. */
    public Path file(String step, String prefix) {
        String key = values.stringPropertyNames().stream().filter(k -> k.startsWith(step + ".file.")
                && Path.of(k.substring((step + ".file.").length())).getFileName().toString().startsWith(prefix))
                .sorted().findFirst().orElse(null);
        return key == null ? null : Path.of(key.substring((step + ".file.").length()));
    }

    /** The SHA-256 {@code step} recorded for {@code file} when it made it, or null. */
    public String sha256(String step, Path file) {
        String recorded = values.getProperty(step + ".file." + file.toAbsolutePath());
        return recorded == null ? null : recorded.split(" ")[0];
    }

    public String get(String key) {
        return values.getProperty(key);
    }

    /** Records a successful step; the files are hashed now, as they were made. */
    public void record(String step, String inputs, String partition, Path... files) throws IOException {
        values.stringPropertyNames().stream().filter(k -> k.startsWith(step + ".")).forEach(values::remove);
        values.setProperty(step + ".inputs", inputs);
        values.setProperty(step + ".partition", partition);
        for (Path f : files) {
            values.setProperty(step + ".file." + f.toAbsolutePath(), Sha256.ofFile(f) + " " + Files.size(f) + " "
                    + modified(f));
        }
        save();
    }

    /** Records a fact of the machine that no step's record or forget touches (its platform). */
    public void note(String key, String value) throws IOException {
        if (!value.equals(values.getProperty(key))) {
            values.setProperty(key, value);
            save();
        }
    }

    /** Forgets a step, so that a failed run is never mistaken for a finished one. */
    public void forget(String step) throws IOException {
        if (values.stringPropertyNames().stream().anyMatch(k -> k.startsWith(step + "."))) {
            values.stringPropertyNames().stream().filter(k -> k.startsWith(step + ".")).forEach(values::remove);
            save();
        }
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, AtomicFile.OWNER_ONLY,
                out -> values.store(out, "Zentoo machine state: inputs and outputs of the last successful steps"));
    }
}
