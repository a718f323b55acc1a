import java.nio.file.*

def root = basedir.toPath()
def log = new String(Files.readAllBytes(root.resolve('build.log')), 'UTF-8')
def expected = "config/sets/web/packages:3: malformed atom '>=www-servers/apache': the operator '>=' needs a version"
assert log.contains(expected) : "build.log lacks: " + expected
assert !Files.exists(root.resolve('target/zentoo')) : 'a broken site must leave nothing under target/zentoo'
true
