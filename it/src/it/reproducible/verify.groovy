// Two builds of the same site, each from its own empty store: every tarball is
// byte-identical, and every stage's package database agrees with its files.
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.security.MessageDigest

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
def prefix = fixture.volumePrefix('repro')
def epoch = java.time.Instant.parse('2026-01-01T00:00:00Z').epochSecond

try {
    def a = new File(basedir, 'target/zentoo-a')
    def b = new File(basedir, 'target/zentoo-b')

    // Each run started from an empty store: m1 compiled its four packages, m2
    // compiled many-units and took the other three from m1's binpkgs in that store.
    def count = { File dir, String m, String pattern ->
        new File(dir, "logs/${m}-build.log").readLines().count { it.startsWith(pattern) }
    }
    [a, b].each { dir ->
        assert count(dir, 'm1', '>>> Emerging (') == 4 && count(dir, 'm1', '>>> Emerging binary (') == 0 : dir.name
        assert count(dir, 'm2', '>>> Emerging (') == 1 && count(dir, 'm2', '>>> Emerging binary (') == 3 : dir.name
    }

    // Byte-identical tarballs: two stages and one kernel.
    def tarballs = { File dir ->
        ['stages', 'kernels'].collectMany { sub -> (new File(dir, sub).listFiles() ?: []).findAll { it.name.endsWith('.tar.zst') } }
                .collectEntries { [("${it.parentFile.name}/${it.name}".toString()): fixture.sha256(it)] }
    }
    def inA = tarballs(a)
    def inB = tarballs(b)
    assert inA.keySet() == ['stages/stage3-m1.tar.zst', 'stages/stage3-m2.tar.zst', 'kernels/kernel-m1.tar.zst'] as Set
    inA.each { name, sum -> assert inB[name] == sum : "${name} differs between the two stores: ${sum} and ${inB[name]}" }

    // Every obj and sym line of every CONTENTS agrees with the file GNU tar extracts:
    // md5 and mtime for obj, mtime for sym. Returns the lines that disagree.
    def checkContents = { File root ->
        def wrong = []
        int objects = 0
        new File(root, 'var/db/pkg').eachDir { cat ->
            cat.eachDir { pkg ->
                new File(pkg, 'CONTENTS').eachLine { line ->
                    def parts = line.split(' ')
                    if (parts[0] == 'obj') {
                        objects++
                        def path = parts[1..-3].join(' ')
                        Path file = new File(root, path).toPath()
                        def md5 = MessageDigest.getInstance('MD5').digest(Files.readAllBytes(file)).encodeHex().toString()
                        long mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().epochSecond
                        if (md5 != parts[-2] || mtime != parts[-1] as long) {
                            wrong << "${pkg.name}: ${line} (file: md5 ${md5}, mtime ${mtime})"
                        }
                    } else if (parts[0] == 'sym') {
                        def path = line.substring(4, line.indexOf(' -> '))
                        long mtime = Files.getLastModifiedTime(new File(root, path).toPath(), LinkOption.NOFOLLOW_LINKS)
                                .toInstant().epochSecond
                        if (mtime != parts[-1] as long) {
                            wrong << "${pkg.name}: ${line} (symlink: mtime ${mtime})"
                        }
                    }
                }
            }
        }
        [objects, wrong]
    }

    // rm -rf, not File.deleteDir(): a stage has absolute symlinks, which deleteDir would follow.
    def remove = { File dir -> assert ['rm', '-rf', dir.path].execute().waitFor() == 0 }
    ['m1', 'm2'].each { m ->
        def root = new File(basedir, "target/extracted-${m}")
        remove(root)
        root.mkdirs()
        def tar = ['tar', '--zstd', '-xf', new File(a, "stages/stage3-${m}.tar.zst").path, '-C', root.path,
                   '--no-same-owner', '--exclude=./dev'].execute()
        def err = tar.err.text
        assert tar.waitFor() == 0 : "GNU tar failed: ${err}"

        def (objects, wrong) = checkContents(root)
        assert wrong.isEmpty() : "${m}: CONTENTS disagrees with the files:\n" + wrong.join('\n')
        assert objects >= (m == 'm1' ? 8 : 2) : "${m}: only ${objects} obj lines checked"

        // The build recorded the site's epoch, so the tarball's clamp changed nothing.
        def hello = new File(root, 'var/db/pkg/app-misc/hello-1.0')
        assert new File(hello, 'BUILD_TIME').text.trim() == "${epoch}".toString()
        assert new File(hello, 'CONTENTS').readLines().find { it.startsWith('obj /usr/bin/hello ') }.endsWith(" ${epoch}")

        // The check can fail: a file changed after the build is reported, and only it.
        def changed = new File(root, 'usr/bin/hello')
        changed.append('x')
        def (again, wrongAgain) = checkContents(root)
        assert wrongAgain.size() == 1 && wrongAgain[0].contains('obj /usr/bin/hello ') : wrongAgain
        remove(root)
    }
} finally {
    ['a', 'b'].each { fixture.removeVolumes("${prefix}-${it}") }
}
true
