// Every mistake of a broken site in one run, each with file:line (the file alone for
// a missing key); a mistyped seed named by machine, SEED line and the image meant.
// Each invocation is checked against its own log (-l in invoker.properties).
import java.nio.file.*

def root = basedir.toPath()
def log = { String name ->
    def f = root.resolve("build-${name}.log")
    assert Files.isRegularFile(f) : "${f.fileName} is missing: the invocation did not run"
    new String(Files.readAllBytes(f), 'UTF-8')
}
def errorsOf = { String text -> text.readLines().findAll { it.startsWith('[ERROR]') || !it.startsWith('[') }.join('\n') }

// 1. All three mistakes, in one failed run, each on its own line.
def render = log('1-render')
def expected = [
    "3 mistakes in the site's configuration; fix each, then run again:",
    "config/sets/web/package.accept_keyword: unknown file: did you mean package.accept_keywords? a set directory holds" +
            " parent, packages, make.conf, package.use, package.accept_keywords, package.mask, package.unmask," +
            " package.license, package.env, package.accept_restrict, repos.conf, kernel.config, services, env/," +
            " patches/, overlay/, tests/ (-Dzentoo.strict makes this an error): rename or remove it",
    "config/sets/web/packages:3: malformed atom '>=www-servers/apache': the operator '>=' needs a version",
    'config/machines/db01/machine.conf: no PROFILE: expected PROFILE="..." in machine.conf or in site.conf',
]
expected.each { line ->
    boolean found = render.readLines().any { it.contains(line) }
    assert found : "build-1-render.log lacks: " + line
}
assert !render.contains('machine.conf:0') : 'a missing key names the file, not line 0'
assert render.contains('[INFO] BUILD FAILURE')
assert !Files.exists(root.resolve('target/zentoo')) : 'a broken site must leave nothing under target/zentoo'

// The image meant: this build's test stage, as setup.groovy mistyped it.
def stage = new File(testStageImageFile).text.trim()
def typo = stage.replace('zentoo/test-stage:', 'zentoo/test-stag:')

// 2. Offline: not on the daemon, not pulled; machine, site.conf line and the closest tag.
def offline = errorsOf(log('2-seed-offline'))
def offlineLine = "[typo] SEED=\"${typo}\" (seed-typo/site.conf:4): image ${typo} is not on the local daemon ("
boolean named = offline.contains(offlineLine)
assert named : "build-2-seed-offline.log lacks: ${offlineLine}\n${offline}"
boolean offlineSaid = offline.contains('and Maven runs offline (-o), so it is not pulled. The closest local image is ' +
        stage + ': if you meant it, correct the SEED line')
assert offlineSaid : "the offline failure suggests ${stage}:\n${offline}"

// 3. A registry that does not answer: the daemon's reason, apart from "not on the local daemon".
def unreachable = errorsOf(log('3-seed-unreachable'))
def elsewhere = "127.0.0.1:9/${typo}"
def unreachableLine = "[elsewhere] SEED=\"${elsewhere}\" (seed-typo/machines/elsewhere/machine.conf:2): image ${elsewhere}" +
        " is not on the local daemon ("
boolean both = unreachable.contains(unreachableLine) &&
        unreachable.contains('), and the registry could not be reached to pull it (') &&
        unreachable.contains('The closest local image is ' + stage + ': if you meant it, correct the SEED line')
assert both : "build-3-seed-unreachable.log lacks the machine.conf line, the unreachable registry or ${stage}:\n${unreachable}"
// One piece of advice, the one that fits: no network advice appended from the pull's own failure.
boolean oneFix = !unreachable.contains('Check the network') && !unreachable.contains('cannot pull')
assert oneFix : "the closest image is the only advice:\n${unreachable}"
boolean tidy = !unreachable.readLines().any { it.trim() == ').' || it.trim() == ')' }
assert tidy : "a stray ). on its own line:\n${unreachable}"
true
