/**
 * Plain file helpers every other package may use; this package uses none of them.
 * {@link org.zentoo.files.AtomicFile} writes a file so that its final name only ever
 * holds a complete, fsynced file, never a partial one, and leaves no temp file behind
 * when the write fails. {@link org.zentoo.files.Sha256} gives SHA-256 as 64 lowercase
 * hex digits, of bytes, of UTF-8 text, of a file or of input fed piece by piece.
 */
package org.zentoo.files;
