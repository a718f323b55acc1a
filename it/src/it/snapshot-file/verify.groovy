// The snapshot volume was filled by the first run and found filled by the second;
// Portage in the machine's container saw the tarball's repository both times.
def log = new File(basedir, 'build.log').readLines()
try {
    assert log.count { it.contains('[snap01] filling volume zentoo-it-snapfile-repos-sha512-') } == 1 : 'filled once'
    assert log.count { it.contains('[snap01] snapshot file:target/snapshot/zentoo-test-20260101.tar.xz already in volume') } == 1
    assert log.count { it.trim() == 'from the snapshot tarball' } == 2 : 'the volume holds the tarball, both runs'
    assert log.count { it.contains('] app-misc/hello-1.0') } >= 2 : 'emerge saw app-misc/hello, both runs'
} finally {
    ['docker', 'volume', 'ls', '-q', '--filter', 'name=zentoo-it-snapfile-'].execute().text.readLines().each {
        ['docker', 'volume', 'rm', '-f', it].execute().waitFor()
    }
}
return true
