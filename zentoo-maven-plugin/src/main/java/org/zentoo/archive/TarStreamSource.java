package org.zentoo.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a tar stream in any order (a {@code docker export}, a seed tarball) into the
 * entries of a stage in archive order. Data is spooled to disk while the stream is
 * read; then entries are sorted and hard links are rebuilt so that, as in GNU tar, the
 * first name of each inode in the new order carries the data and the others link to it.
 */
final class TarStreamSource {

    /** An entry as read, and where its data sits in the spool. */
    private record Spooled(TarEntry entry, long offset) {
    }

    private TarStreamSource() {
    }

    /** @param excluded entries to leave out, with everything below an excluded directory */
    static void read(InputStream tar, Path spoolDirectory, String spoolPrefix, Predicate<TarEntry> excluded,
                     EntrySink sink) throws IOException {
        read(List.of(new TarLayer(tar, "")), spoolDirectory, spoolPrefix, excluded, sink);
    }

    /** As {@link #read(InputStream, Path, String, Predicate, EntrySink)}, of layers: a later name replaces an earlier one. */
    static void read(List<TarLayer> layers, Path spoolDirectory, String spoolPrefix, Predicate<TarEntry> excluded,
                     EntrySink sink) throws IOException {
        try (Spool spool = new Spool(spoolDirectory, spoolPrefix)) {
            Map<String, Spooled> byName = new LinkedHashMap<>();
            for (TarLayer layer : layers) {
                readAll(new TarReader(layer.tar()), layer.under(), spool, byName);
            }
            Map<String, String> inodeOf = hardLinkTargets(byName);
            List<String> names = kept(byName, inodeOf, excluded);
            inodeOf.keySet().retainAll(new HashSet<>(names));
            Map<String, String> firstNameOf = firstNamesInOrder(inodeOf);
            names.sort(TarEntryOrder.INSTANCE);
            sink.expect(dataBytes(names, byName, inodeOf, firstNameOf));
            for (String key : names) {
                Spooled own = byName.get(key);
                String inode = inodeOf.get(key);
                if (inode == null) {
                    sink.accept(own.entry(), spool.read(own.offset(), own.entry().size()));
                    continue;
                }
                Spooled data = byName.get(inode);
                String first = firstNameOf.get(inode);
                String name = own.entry().name();
                if (first.equals(key)) {
                    sink.accept(data.entry().withName(name), spool.read(data.offset(), data.entry().size()));
                } else {
                    sink.accept(data.entry().asHardLinkTo(byName.get(first).entry().name(), name),
                            InputStream.nullInputStream());
                }
            }
        }
    }

    /** The file data the names will carry: each hard-linked inode once, under its first name. */
    private static long dataBytes(List<String> names, Map<String, Spooled> byName, Map<String, String> inodeOf,
                                  Map<String, String> firstNameOf) {
        long bytes = 0;
        for (String key : names) {
            String inode = inodeOf.get(key);
            if (inode == null) {
                bytes += byName.get(key).entry().size();
            } else if (firstNameOf.get(inode).equals(key)) {
                bytes += byName.get(inode).entry().size();
            }
        }
        return bytes;
    }

    /**
     * The names to pack. A hard-linked name is judged as the file it is, data and all;
     * an excluded carrier of data still lends that data to the names that stay.
     */
    private static List<String> kept(Map<String, Spooled> byName, Map<String, String> inodeOf,
                                     Predicate<TarEntry> excluded) {
        Set<String> excludedDirectories = new HashSet<>();
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, Spooled> e : byName.entrySet()) {
            String inode = inodeOf.get(e.getKey());
            TarEntry asRead = inode == null ? e.getValue().entry()
                    : byName.get(inode).entry().withName(e.getValue().entry().name());
            if (!excluded.test(asRead)) {
                kept.add(e.getKey());
            } else if (asRead.type() == EntryType.DIRECTORY) {
                excludedDirectories.add(e.getKey());
            }
        }
        if (!excludedDirectories.isEmpty()) {
            kept.removeIf(name -> underAny(name, excludedDirectories));
        }
        return kept;
    }

    private static boolean underAny(String name, Set<String> directories) {
        for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
            if (directories.contains(name.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /** Entries by name without trailing slash; a later entry replaces an earlier one, as extraction would. */
    private static void readAll(TarReader reader, String under, Spool spool, Map<String, Spooled> byName)
            throws IOException {
        String prefix = under.isEmpty() ? "" : under + "/";
        for (TarEntry raw = reader.next(); raw != null; raw = reader.next()) {
            boolean directory = raw.type() == EntryType.DIRECTORY;
            String name = EntryNames.normalize(prefix + raw.name(), directory);
            String link = raw.type() == EntryType.HARDLINK ? EntryNames.normalize(prefix + raw.linkName(), false)
                    : raw.linkName();
            TarEntry entry = TarEntry.of(name, raw.type(), raw.mode(), raw.uid(), raw.gid(), raw.size(), raw.mtime(),
                    link, raw.devMajor(), raw.devMinor(), raw.xattrs());
            long offset = entry.size() > 0 ? spool.append(reader.data(), entry.size()) : 0;
            byName.put(TarEntryOrder.withoutTrailingSlash(name), new Spooled(entry, offset));
        }
    }

    /**
     * For every name that is part of a hard-link group, the name of the entry holding
     * the group's data (the "inode"). Chains of links are followed to their end.
     */
    private static Map<String, String> hardLinkTargets(Map<String, Spooled> byName) throws MalformedTarException {
        Map<String, String> inodeOf = new HashMap<>();
        for (Map.Entry<String, Spooled> e : byName.entrySet()) {
            if (e.getValue().entry().type() != EntryType.HARDLINK) {
                continue;
            }
            String target = e.getValue().entry().linkName();
            for (int hops = 0; ; hops++) {
                Spooled t = byName.get(target);
                if (t == null || hops > byName.size()) {
                    throw new MalformedTarException("hard link " + ByteStrings.display(e.getKey()) + " points to "
                            + ByteStrings.display(target) + ", which is not a file in the stream");
                }
                if (t.entry().type() != EntryType.HARDLINK) {
                    break;
                }
                target = t.entry().linkName();
            }
            inodeOf.put(e.getKey(), target);
            inodeOf.put(target, target);
        }
        return inodeOf;
    }

    /** The name each inode gets first in archive order: that entry will carry the data. */
    private static Map<String, String> firstNamesInOrder(Map<String, String> inodeOf) {
        Map<String, String> first = new HashMap<>();
        inodeOf.forEach((name, inode) -> first.merge(inode, name,
                (a, b) -> TarEntryOrder.INSTANCE.compare(a, b) <= 0 ? a : b));
        return first;
    }
}
