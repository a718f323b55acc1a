package org.zentoo.seed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OpenPGP cleartext-signed message (RFC 4880 section 7), as newer Gentoo
 * releases publish their DIGESTS. Splits it into the readable text, the exact
 * bytes the signature covers, and the armored signature.
 *
 * @param text           the message with dash-escaping removed, lines joined by {@code \n}
 * @param signedBytes    the canonical form the signature is made over
 * @param signatureArmor the {@code -----BEGIN PGP SIGNATURE-----} block
 */
record ClearSignedText(String text, byte[] signedBytes, byte[] signatureArmor) {

    private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

    static boolean isClearSigned(String content) {
        return content.stripLeading().startsWith(BEGIN_MESSAGE);
    }

    /** Splits a clearsigned message; empty when the content is not one or is cut short. */
    static Optional<ClearSignedText> split(String content) {
        List<String> lines = content.stripLeading().lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(BEGIN_MESSAGE)) {
            return Optional.empty();
        }
        int index = 1;
        // Armor headers ("Hash: SHA512") run up to the first empty line.
        while (index < lines.size() && !lines.get(index).isBlank()) {
            index++;
        }
        index++;
        List<String> message = new ArrayList<>();
        while (index < lines.size() && !lines.get(index).strip().equals(BEGIN_SIGNATURE)) {
            String line = lines.get(index++);
            message.add(line.startsWith("- ") ? line.substring(2) : line);
        }
        if (index >= lines.size()) {
            return Optional.empty();
        }
        String armor = String.join("\n", lines.subList(index, lines.size())) + "\n";
        return Optional.of(new ClearSignedText(String.join("\n", message) + "\n",
                canonical(message), armor.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 4880 7.1: trailing blanks removed, CRLF line ends, no line end after the last line. */
    private static byte[] canonical(List<String> message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < message.size(); i++) {
            if (i > 0) {
                bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            bytes.writeBytes(message.get(i).replaceFirst("[ \\t]+$", "").getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
