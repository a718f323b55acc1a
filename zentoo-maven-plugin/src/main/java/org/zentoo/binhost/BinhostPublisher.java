package org.zentoo.binhost;

import org.zentoo.files.AtomicFile;
import org.zentoo.files.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Publishes one binpkg partition (a PKGDIR as Portage lays it out: {@code Packages}
 * and {@code <category>/<package>/<name>-<version>-<build id>.gpkg.tar}) to a
 * target, incrementally: files whose SHA-256 the target's {@link Manifest} already
 * gives are not sent. The binpkgs go first, the {@code Packages} index after them
 * (a machine reading it then finds every file it names), the manifest last.
 */
public final class BinhostPublisher {

    /** Portage's index of a PKGDIR. */
    public static final String INDEX = "Packages";

    private final BinhostTarget target;

    public BinhostPublisher(BinhostTarget target) {
        this.target = target;
    }

    /** What a publish did. */
    public record Report(int uploaded, long uploadedBytes, int unchanged) {
    }

    public Report publish(Path partition) throws IOException {
        if (!Files.isRegularFile(partition.resolve(INDEX))) {
            throw new IOException("binpkg partition " + partition.getFileName() + " has no Packages index: nothing"
                    + " was built into it yet (run zentoo:build)");
        }
        Map<String, String> local = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(partition)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = partition.relativize(file).toString();
                if (path.endsWith(".gpkg.tar") || path.endsWith(".xpak") || path.equals(INDEX)) {
                    local.put(path, Sha256.ofFile(file));
                }
            }
        }
        Map<String, String> remote = target.get(Manifest.NAME).map(Manifest::parse).orElse(Map.of());
        List<String> order = new ArrayList<>(local.keySet());
        order.remove(INDEX);
        order.add(INDEX);
        Set<String> made = new LinkedHashSet<>();
        int uploaded = 0;
        int unchanged = 0;
        long bytes = 0;
        for (String path : order) {
            if (local.get(path).equals(remote.get(path))) {
                unchanged++;
                continue;
            }
            mkdirs(path, made);
            Path file = partition.resolve(path);
            target.put(path, file);
            uploaded++;
            bytes += Files.size(file);
        }
        if (uploaded > 0 || !local.equals(remote)) {
            Path manifest = Files.createTempFile("zentoo-manifest", "");
            try {
                AtomicFile.write(manifest, Manifest.write(local).getBytes(StandardCharsets.UTF_8),
                        AtomicFile.WORLD_READABLE);
                target.put(Manifest.NAME, manifest);
            } finally {
                Files.deleteIfExists(manifest);
            }
        }
        return new Report(uploaded, bytes, unchanged);
    }

    /** MKCOL of every parent directory of {@code path} not made yet in this publish, top down. */
    private void mkdirs(String path, Set<String> made) throws IOException {
        int slash = -1;
        while ((slash = path.indexOf('/', slash + 1)) > 0) {
            String dir = path.substring(0, slash);
            if (made.add(dir)) {
                target.mkdir(dir);
            }
        }
    }
}
