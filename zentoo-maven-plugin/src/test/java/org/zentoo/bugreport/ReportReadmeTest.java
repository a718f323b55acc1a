package org.zentoo.bugreport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README.txt says what goes where in a Gentoo bug, in Gentoo's order, and lists what Zentoo added. */
class ReportReadmeTest {

    static final ReportInputs INPUTS = new ReportInputs("web01", "app-misc/broken-1.0", "sha256:abc",
            "sha256:def", "seed", "zentoo-repos-seed", "sha256:123", "x86_64-pc-linux-gnu-0123", "linux/amd64",
            "x86_64-pc-linux-gnu",            "zentoo-distfiles", "zentoo-binpkgs", "/var/cache/binpkgs/p", "emerge --update @world");

    static FailedPackage failed(Path dir) throws IOException {
        return new FailedPackage("web01", "web01", "app-misc", "broken-1.0", dir, INPUTS,
                DieMessage.parse(DieMessageTest.brokenLog()));
    }

    @Test
    void givesTheSummaryLineThenTheDescriptionThenTheAttachments(@TempDir Path dir) throws IOException {
        String text = ReportReadme.text(failed(dir), List.of());
        String summary = "[zentoo-test overlay] app-misc/broken-1.0 - fails to build (compile phase):"
                + " fixture compile failed on purpose";
        assertTrue(text.contains("Summary:\n       " + summary + "\n"), text);
        int search = text.indexOf("Search for it first");
        int at = text.indexOf(summary);
        int info = text.indexOf("emerge-info.txt pasted in");
        int log = text.indexOf("Attach build.log");
        int env = text.indexOf("Attach environment");
        assertTrue(search < at && at < info && info < log && log < env, text);
        assertTrue(text.contains(INPUTS.reproduceCommand()), text);
    }

    @Test
    void aPackageOfTheGentooRepositoryNamesNoOverlay(@TempDir Path dir) throws IOException {
        FailedPackage f = failed(dir);
        DieMessage gentoo = new DieMessage(f.die().cpv(), "gentoo", "compile", f.die().message(), List.of(), "", null);
        String text = ReportReadme.text(new FailedPackage("web01", "web01", "app-misc", "broken-1.0", dir, INPUTS,
                gentoo), List.of());
        assertTrue(text.contains("Summary:\n       app-misc/broken-1.0 - fails to build"), text);
        assertFalse(text.contains("overlay]"), text);
    }

    @Test
    void listsTheLinesOfTheSectionsThatWroteSomething(@TempDir Path dir) throws IOException {
        ReportSection wrote = new FileSection("last-good.txt", x -> "same USE\n", "last-good.txt: the last build");
        ReportSection silent = new FileSection("nothing.txt", x -> null, "nothing.txt: never written");
        FailedPackage f = failed(dir);
        wrote.write(f);
        silent.write(f);
        new ReportReadme(List.of(wrote, silent)).write(f);
        String text = Files.readString(dir.resolve(ReportReadme.FILE));
        assertTrue(text.contains("- last-good.txt: the last build\n"), text);
        assertFalse(text.contains("nothing.txt"), text);
        assertEquals(List.of(ReportReadme.FILE), new ReportReadme(List.of()).files());
    }
}
