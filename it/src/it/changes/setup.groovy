// The site on the test stage with the fixture set, from empty volumes; then
// changed/config: the same site with one USE flag changed in one set (greet).
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def fixture = evaluate(new File(itLibDirectory, 'SiteFixture.groovy'))
fixture.prepareSite('changes')
def config = new File(basedir, 'config')
def sets = new File(config, 'sets/fixture')
sets.mkdirs()
new File(fixtureSetDirectory).eachFile { f ->
    Files.copy(f.toPath(), new File(sets, f.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
}
def changed = new File(basedir, 'changed/config')
config.eachFileRecurse { f ->
    def to = new File(changed, config.toPath().relativize(f.toPath()).toString())
    if (f.isDirectory()) {
        to.mkdirs()
    } else {
        to.parentFile.mkdirs()
        Files.copy(f.toPath(), to.toPath(), StandardCopyOption.REPLACE_EXISTING)
    }
}
def greet = new File(changed, 'sets/greet/package.use')
assert greet.text.contains('app-misc/hello greeting\n')
greet.text = greet.text.replace('app-misc/hello greeting\n', 'app-misc/hello greeting -colour\n')
return true
