package org.zentoo.archive;

/**
 * One tar stream of a root put together from several, e.g. an assembled root staged
 * by the container itself and the few paths the container runtime made (its
 * mountpoints and placeholders), copied out of another container of the same image.
 *
 * @param tar   the stream, read to its end
 * @param under the directory of the root its names are relative to ("" for the root,
 *              "etc" for what {@code docker cp container:/etc/hosts} gives)
 */
public record TarLayer(java.io.InputStream tar, String under) {
}
