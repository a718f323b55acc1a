package org.zentoo.bugreport;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What Zentoo pinned for a failed build, written as {@code inputs.properties}: what a
 * person needs to tell the failure apart from another, and what zentoo:reproduce
 * starts from. Keys are fixed and in this order, so the file is the same bytes for
 * the same inputs.
 *
 * @param machine        the machine id
 * @param cpv            {@code cat/pf} of the failed package
 * @param seedImage      the image id the build container started from ({@code sha256:…})
 * @param seedDigest     the seed's pinned digest, as zentoo.lock holds it
 * @param snapshot       the machine's SNAPSHOT
 * @param snapshotVolume the repository volume mounted at /var/db/repos
 * @param snapshotDigest what the volume holds, as zentoo.lock holds it
 * @param partition      the binpkg partition (build ABI)
 * @param platform       the platform every container of the machine runs as ({@code linux/arm64})
 * @param chost          CHOST, as Portage reported it in the container
 * @param distfilesVolume the distfiles volume
 * @param binpkgsVolume  the binpkg store volume
 * @param pkgdir         PKGDIR of the partition inside the store
 * @param emergeCommand  the emerge command line of the build
 */
public record ReportInputs(String machine, String cpv, String seedImage, String seedDigest, String snapshot,
                           String snapshotVolume, String snapshotDigest, String partition, String platform, String chost,
                           String distfilesVolume, String binpkgsVolume, String pkgdir, String emergeCommand) {

    public static final String FILE = "inputs.properties";

    /**
     * The command zentoo:reproduce and reproduce.sh run: the one package, once, its
     * dependencies from the store, which is read-only there, so nothing is packaged.
     */
    public String reproduceCommand() {
        return "emerge --oneshot --usepkg --buildpkg=n --binpkg-respect-use=y --color=n --nospinner --verbose '="
                + cpv + "'";
    }

    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("machine", machine);
        v.put("cpv", cpv);
        v.put("seed.image", seedImage);
        v.put("seed.digest", seedDigest);
        v.put("snapshot", snapshot);
        v.put("snapshot.volume", snapshotVolume);
        v.put("snapshot.digest", snapshotDigest);
        v.put("partition", partition);
        v.put("platform", platform);
        v.put("chost", chost);
        v.put("distfiles.volume", distfilesVolume);
        v.put("binpkgs.volume", binpkgsVolume);
        v.put("pkgdir", pkgdir);
        v.put("emerge.command", emergeCommand);
        return v;
    }

    /** The properties file, without the date line {@link Properties#store} would add. */
    public String text() {
        StringBuilder out = new StringBuilder("# What Zentoo pinned for this failed build (zentoo:reproduce reads it)\n");
        values().forEach((k, v) -> out.append(k).append('=').append(escape(v == null ? "" : v)).append('\n'));
        return out.toString();
    }

    /** Reads what {@link #text} wrote; a missing key is an error naming the file and the key. */
    public static ReportInputs read(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        String[] keys = {"machine", "cpv", "seed.image", "seed.digest", "snapshot", "snapshot.volume",
                "snapshot.digest", "partition", "platform", "chost", "distfiles.volume", "binpkgs.volume", "pkgdir",
                "emerge.command"};
        String[] v = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            v[i] = p.getProperty(keys[i]);
            if (v[i] == null) {
                throw new IOException(file + ": no key " + keys[i] + "; expected a bug report Zentoo wrote"
                        + " (inputs.properties with every key); make the report again with zentoo:build");
            }
        }
        return new ReportInputs(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13]);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
