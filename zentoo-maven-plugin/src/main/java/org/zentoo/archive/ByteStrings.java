package org.zentoo.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Conversions between Linux byte strings (held as ISO-8859-1 Strings) and text. */
final class ByteStrings {

    /**
     * How the JVM maps file names to bytes. Java decodes names with this charset, so
     * encoding with it again gives back the bytes on disk (for names it could decode).
     */
    private static final Charset FILE_NAMES = fileNameCharset();

    private ByteStrings() {
    }

    static String fromBytes(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    static String fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0, bytes.length);
    }

    /**
     * The bytes of a file name the JVM handed us as text. Java decodes names with
     * {@code sun.jnu.encoding} (from the locale) and turns bytes it cannot decode into
     * U+FFFD, so such a name can no longer be told apart from others: fail rather
     * than pack a wrong name.
     */
    static String fromFileName(String javaName) throws IOException {
        if (javaName.indexOf('\uFFFD') >= 0 || !FILE_NAMES.newEncoder().canEncode(javaName)) {
            throw new IOException("file name " + javaName + " is not valid " + FILE_NAMES
                    + " (sun.jnu.encoding); run Maven in a UTF-8 locale (LC_ALL=C.UTF-8) to pack it");
        }
        return fromBytes(javaName.getBytes(FILE_NAMES));
    }

    static String display(String byteString) {
        byte[] bytes = byteString.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return byteString;
        }
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }
}
