package org.zentoo.pipeline;

import org.zentoo.binpkg.SigningKey;

import java.net.URI;

/**
 * Day-two settings of the binpkg store: the site's signing key and its
 * passphrase, and the binhost stages update from. {@link #toString()} shows
 * neither secret.
 *
 * @param signingKey null: binpkgs are written unsigned and assembly checks no signature
 * @param passphrase the signing key's passphrase, or null
 * @param binhost    the binhost base URL (partitions below it), or null: stages get no binrepos.conf
 */
public record BinpkgOptions(SigningKey signingKey, char[] passphrase, URI binhost) {

    public static final BinpkgOptions NONE = new BinpkgOptions(null, null, null);

    public boolean signing() {
        return signingKey != null;
    }

    @Override
    public String toString() {
        return "BinpkgOptions[signingKey=" + signingKey + ", passphrase=" + (passphrase == null ? "none" : "***")
                + ", binhost=" + binhost + "]";
    }
}
