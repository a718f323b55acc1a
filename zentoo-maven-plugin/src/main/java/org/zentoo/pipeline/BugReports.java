package org.zentoo.pipeline;

import org.zentoo.bugreport.CollectedFiles;
import org.zentoo.bugreport.DieMessage;
import org.zentoo.bugreport.FailedPackage;
import org.zentoo.bugreport.ReportInputs;
import org.zentoo.bugreport.ReportPacker;
import org.zentoo.bugreport.ReportReadme;
import org.zentoo.bugreport.ReportSection;
import org.zentoo.bugreport.Secrets;
import org.zentoo.files.Trees;
import org.zentoo.render.Layout;
import org.zentoo.step.Builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The bug reports of a machine's build: an empty directory for the build container
 * to collect into when it fails ({@link #prepare}), then, after the failure, each
 * package's report completed by the sections in the order given and packed
 * ({@link #finish}). A later build of the machine starts from an empty directory, so
 * no report outlives the failure it describes.
 */
final class BugReports {

    /** The mtime every entry gets when the site has no output timestamp: reports are reproducible anyway. */
    static final Instant NO_TIMESTAMP = Instant.EPOCH;

    private final Layout layout;
    private final ReportPacker packer;
    private final PipelineSettings.Console console;

    BugReports(Layout layout, Instant outputTimestamp, Secrets secrets, PipelineSettings.Console console) {
        this.layout = layout;
        this.packer = new ReportPacker(outputTimestamp == null ? NO_TIMESTAMP : outputTimestamp, secrets);
        this.console = console;
    }

    /** Empties the machine's report directory (and removes its tarballs) for a new build. */
    Builder.FailureReports prepare(String classifierId, List<String> variables) throws IOException {
        Path dir = layout.bugReports(classifierId);
        for (Path report : reports(dir)) {
            Files.deleteIfExists(layout.bugReports().resolve(FailedPackage.tarballName(classifierId,
                    report.getParent().getFileName().toString(), report.getFileName().toString())));
        }
        Trees.delete(dir);
        Files.createDirectories(dir);
        String owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(dir, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        return new Builder.FailureReports(dir, owner, variables);
    }

    /** Removes the directory again when the build left no report in it. */
    void cleanUp(String classifierId) throws IOException {
        Path dir = layout.bugReports(classifierId);
        if (Files.isDirectory(dir) && reports(dir).isEmpty()) {
            Trees.delete(dir);
        }
    }

    /**
     * Completes and packs every report the failed container collected.
     *
     * @param inputs   what Zentoo pinned, for a package ({@code cat/pf})
     * @param sections the sections in order; README.txt is added last
     * @return the tarballs, one per failed package
     */
    List<Path> finish(String machine, String classifierId, Function<String, ReportInputs> inputs,
                      List<ReportSection> sections) throws IOException {
        List<Path> tarballs = new ArrayList<>();
        List<ReportSection> all = new ArrayList<>(sections);
        all.add(new ReportReadme(sections));
        List<String> declared = new ArrayList<>(CollectedFiles.ALL);
        all.forEach(s -> declared.addAll(s.files()));
        for (Path dir : reports(layout.bugReports(classifierId))) {
            String category = dir.getParent().getFileName().toString();
            String pf = dir.getFileName().toString();
            FailedPackage failed = new FailedPackage(machine, classifierId, category, pf, dir,
                    inputs.apply(category + "/" + pf), die(dir));
            for (ReportSection section : all) {
                section.write(failed);
            }
            ReportPacker.Packed packed = packer.pack(dir, declared,
                    layout.bugReports().resolve(failed.tarballName()));
            for (String name : packed.leftOut()) {
                console.warn(machine, "bug report " + failed.cpv() + ": " + name + " is not a report file and was"
                        + " left out of " + failed.tarballName());
            }
            for (String name : packed.screened()) {
                console.warn(machine, "bug report " + failed.cpv() + ": a secret value in " + name
                        + " was replaced before packing");
            }
            tarballs.add(packed.tarball());
        }
        return tarballs;
    }

    /** The die message of the collected build.log, with its ebuild line; null when the log holds none. */
    private static DieMessage die(Path dir) throws IOException {
        Path log = dir.resolve(CollectedFiles.BUILD_LOG);
        if (!Files.isRegularFile(log)) {
            return null;
        }
        try {
            DieMessage die = DieMessage.parse(lines(log));
            Path ebuild = dir.resolve(CollectedFiles.EBUILD);
            String pf = dir.getFileName().toString();
            return Files.isRegularFile(ebuild) ? die.inEbuild(pf + ".ebuild", lines(ebuild)) : die;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<String> lines(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    }

    /** The {@code <cat>/<pf>} directories under a machine's report directory, sorted. */
    static List<Path> reports(Path machineDir) throws IOException {
        if (!Files.isDirectory(machineDir)) {
            return List.of();
        }
        try (Stream<Path> cats = Files.list(machineDir)) {
            List<Path> out = new ArrayList<>();
            for (Path cat : cats.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> pfs = Files.list(cat)) {
                    out.addAll(pfs.filter(Files::isDirectory).sorted().toList());
                }
            }
            return out;
        }
    }

}
