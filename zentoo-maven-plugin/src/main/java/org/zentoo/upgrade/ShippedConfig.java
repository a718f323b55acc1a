package org.zentoo.upgrade;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The config/ bundled into the plugin jar at build time under {@value #RESOURCE_ROOT}/.
 * Opened as a path, in the jar's zip file system or, when running from classes on disk
 * (tests, an IDE), in the default one.
 */
public final class ShippedConfig implements Closeable {

    public static final String RESOURCE_ROOT = "zentoo-config";

    private final Path root;
    private final FileSystem zip;

    private ShippedConfig(Path root, FileSystem zip) {
        this.root = root;
        this.zip = zip;
    }

    /** The bundled config/ of the jar (or classes directory) {@code loader} loads from. */
    public static ShippedConfig open(ClassLoader loader) throws IOException {
        String marker = RESOURCE_ROOT + "/" + ConfigUpgrade.README;
        URL url = loader.getResource(marker);
        if (url == null) {
            throw new IOException("the plugin has no bundled config/: " + marker + " is missing from its jar");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystem fs = FileSystems.newFileSystem(uri, Map.of());
                    return new ShippedConfig(fs.getPath("/" + RESOURCE_ROOT), fs);
                } catch (FileSystemAlreadyExistsException e) {
                    // Another goal of this build has the jar open: share it, leave closing to it.
                    return new ShippedConfig(FileSystems.getFileSystem(uri).getPath("/" + RESOURCE_ROOT), null);
                }
            }
            return new ShippedConfig(Path.of(uri).getParent(), null);
        } catch (URISyntaxException e) {
            throw new IOException("cannot read the bundled config/ at " + url, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
