package org.zentoo.bugreport;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A section of one text file, its content made from the failed package; null
 * content writes nothing (the readme then does not list it).
 */
public record FileSection(String name, Content content, String readmeLine) implements ReportSection {

    @FunctionalInterface
    public interface Content {
        String of(FailedPackage failed) throws IOException;
    }

    @Override
    public List<String> files() {
        return List.of(name);
    }

    @Override
    public void write(FailedPackage failed) throws IOException {
        String text = content.of(failed);
        if (text != null) {
            Files.writeString(failed.directory().resolve(name), text);
        }
    }
}
