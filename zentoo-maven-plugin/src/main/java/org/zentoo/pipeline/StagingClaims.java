package org.zentoo.pipeline;

import org.zentoo.engine.RunIdentity;
import org.zentoo.step.BinhostStore;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The binhost's staging collections of this checkout's runs. The server cannot
 * list a collection over plain WebDAV (nginx has no PROPFIND), so each run that
 * stages writes a claim here first (its collection's URL and its owner, host and
 * pid) and removes it with the collection. A claim whose owner died names a
 * killed run's collection: the next run deletes it, as it removes that run's
 * containers and services.
 */
final class StagingClaims {

    private final Path directory;
    private final BinhostStore store;
    private final RunIdentity run;

    StagingClaims(Path directory, BinhostStore store, RunIdentity run) {
        this.directory = directory;
        this.store = store;
        this.run = run;
    }

    /** Records that this run stages below the binhost, before its first task may. */
    void claim() throws IOException {
        Path claim = claimOf(run.runId());
        if (Files.exists(claim)) {
            return;
        }
        Files.createDirectories(directory);
        Properties values = new Properties();
        values.setProperty("url", store.stagingDirectory(run.runId()));
        values.setProperty("owner", run.host() + ":" + run.pid());
        Path partial = directory.resolve("." + claim.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            values.store(out, "Zentoo: this run stages files below the binhost; removed with them");
        }
        Files.move(partial, claim, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes this run's staging collection, then its claim. */
    void release() throws IOException {
        Path claim = claimOf(run.runId());
        if (Files.exists(claim)) {
            store.deleteStaging(run.runId());
            Files.delete(claim);
        }
    }

    /**
     * Deletes the collections of killed runs of this checkout and returns their URLs.
     * A claim of a run still going, or of another host, stays.
     */
    List<String> collectLeftovers() throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        try (DirectoryStream<Path> claims = Files.newDirectoryStream(directory, "*.properties")) {
            for (Path claim : claims) {
                Properties values = new Properties();
                try (Reader in = Files.newBufferedReader(claim, StandardCharsets.UTF_8)) {
                    values.load(in);
                }
                String runId = claim.getFileName().toString().replaceFirst("\\.properties$", "");
                if (runId.equals(run.runId()) || !run.isDeadOwner(values.getProperty("owner"))) {
                    continue;
                }
                String url = store.stagingDirectory(runId);
                if (!url.equals(values.getProperty("url"))) {
                    // Staged below another binhost URL than this run's: not this run's to delete.
                    continue;
                }
                store.deleteStaging(runId);
                Files.delete(claim);
                removed.add(url);
            }
        }
        return removed;
    }

    private Path claimOf(String runId) {
        return directory.resolve(runId + ".properties");
    }
}
