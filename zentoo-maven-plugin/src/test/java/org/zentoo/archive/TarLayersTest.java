package org.zentoo.archive;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A root handed over in layers, as an assembly staged on the binhost comes back: the
 * root without some paths, then those paths as {@code docker cp} gives them (names
 * relative to their directory). It packs to the bytes of the whole root.
 */
class TarLayersTest extends PackedStageTest {

    @Test
    void aRootWithoutSomePathsAndThosePathsUnderTheirDirectoriesPackAsTheWholeRoot() throws Exception {
        Path rest = tar("rest.tar", "-C " + Shell.quote(stage.tree()) + " --exclude=./etc/ssl --exclude=./dev .");
        Path ssl = tar("ssl.tar", "-C " + Shell.quote(stage.tree().resolve("etc")) + " ssl");
        Path dev = tar("dev.tar", "-C " + Shell.quote(stage.tree()) + " dev");

        PackResult layered = pack("layered.tar.xz", rest, "", ssl, "etc", dev, "");

        assertEquals(stage.archive().sha256(), layered.sha256());
    }

    @Test
    void aNameInALaterLayerReplacesTheSameNameInAnEarlierOne() throws Exception {
        Path whole = tar("whole.tar", "-C " + Shell.quote(stage.tree()) + " .");
        Path etc = tar("etc-again.tar", "-C " + Shell.quote(stage.tree()) + " etc");

        PackResult layered = pack("replaced.tar.xz", whole, "", etc, "");

        assertEquals(stage.archive().sha256(), layered.sha256());
    }

    private static Path tar(String name, String arguments) throws Exception {
        Path out = work.resolve(name);
        Shell.bash("tar --format=posix --xattrs --xattrs-include='*' --numeric-owner -cf " + Shell.quote(out) + " "
                + arguments);
        return out;
    }

    /** Layers as (tar, under) pairs. */
    private PackResult pack(String out, Object... layers) throws Exception {
        List<TarLayer> list = new java.util.ArrayList<>();
        List<InputStream> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < layers.length; i += 2) {
                InputStream in = Files.newInputStream((Path) layers[i]);
                open.add(in);
                list.add(new TarLayer(in, (String) layers[i + 1]));
            }
            return archiver.packTarLayers(list, Files.createDirectories(work.resolve("out-" + out)).resolve(out));
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }
}
